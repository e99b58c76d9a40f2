# briefgen - build, test, install.  `make run` and `make test` are all a
# newcomer needs: both install missing Debian packages first (make deps).

PREFIX   ?= /usr/local
DESTDIR  ?=
BINDIR    = $(PREFIX)/bin
DATADIR   = $(PREFIX)/share/briefgen
MANDIR    = $(PREFIX)/share/man/man1
DOCDIR    = $(PREFIX)/share/doc/briefgen
VERSION   = $(shell sed -n 's/^\#define BRIEFGEN_VERSION "\(.*\)"/\1/p' report/build.h)

CC       ?= cc
PKGS      = xlsxwriter inih nettle harfbuzz-subset libxxhash
WARN      = -Wall -Wextra -Wmissing-prototypes -Wstrict-prototypes \
            -Wwrite-strings -Werror
CFLAGS   ?= -O2 -g -D_FORTIFY_SOURCE=3 -fstack-protector-strong
CPPFLAGS += -D_GNU_SOURCE
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) $(CPPFLAGS) \
            $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS      = -lhpdf -lhyphen -lcsv -llz4 $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm

# Debian packages: to build, and to run the tests.
BUILD_DEBS = gcc make pkg-config libhpdf-dev libxlsxwriter-dev libinih-dev libcsv-dev \
             libcriterion-dev nettle-dev fonts-dejavu-core \
             fonts-dejavu-extra libhyphen-dev hyphen-en-us \
             libharfbuzz-dev icc-profiles-free libxxhash-dev liblz4-dev
TEST_DEBS  = poppler-utils qpdf python3 python3-openpyxl valgrind \
             libreoffice-calc-nogui nodejs
# pdf.js, the second reader of the tagged-PDF tests (npm, into build/).
PDFJS      = pdfjs-dist@4.10.38
FUZZ_DEBS  = clang libclang-rt-14-dev
BENCH_DEBS = time poppler-utils unzip python3 valgrind python3-reportlab python3-renderpm \
             python3-xlsxwriter nodejs
# Typst, a peer of `make bench` (npm, into build/typst).
TYPST      = @myriaddreamin/typst-ts-node-compiler@0.7.0

SRC      = $(sort $(wildcard report/*.c))
LIB_SRC  = $(filter-out report/main.c,$(SRC))
UNIT_SRC = $(sort $(wildcard tests/unit/*.c))

B        ?= build
OBJ      = $(LIB_SRC:report/%.c=$(B)/obj/%.o)
BIN      = $(B)/briefgen
UNIT     = $(B)/unit-tests

.PHONY: all run test check-suite deps deps-test deps-fuzz deps-bench install \
        uninstall fuzz-build clean asan valgrind fuzz bench profile regen \
        dist distcheck FORCE

all: $(BIN)

$(B)/obj/%.o: report/%.c $(wildcard report/*.h) | $(B)/obj
	@echo "CC $<"
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The installed data folder is compiled into project.o (report/project.h);
# the stamp changes, and project.o is rebuilt, only when DATADIR does.
$(B)/obj/project.o: $(B)/obj/datadir.stamp
$(B)/obj/project.o: ALL_CFLAGS += -DBRIEFGEN_DATADIR='"$(DATADIR)"'
$(B)/obj/datadir.stamp: FORCE | $(B)/obj
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' >$@

FORCE:

$(B)/obj:
	mkdir -p $@

$(BIN): $(OBJ) $(B)/obj/main.o
	@echo "LD $@"
	@$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(UNIT): $(UNIT_SRC) $(OBJ)
	@echo "LD $@"
	@$(CC) $(ALL_CFLAGS) -Ireport $(LDFLAGS) -o $@ $(UNIT_SRC) $(OBJ) \
	    $(LIBS) $(shell pkg-config --libs criterion 2>/dev/null)

# ---- set-up ----

deps:
	@tests/deps.sh $(BUILD_DEBS)

deps-test: deps
	@tests/deps.sh $(TEST_DEBS)
	@# Debian's npm, unless a nodejs that brings its own is installed.
	@command -v npm >/dev/null || tests/deps.sh npm
	@[ -f build/pdfjs/node_modules/pdfjs-dist/package.json ] || \
	    { mkdir -p build/pdfjs && npm install --silent --no-audit --no-fund \
	      --prefix build/pdfjs $(PDFJS); }

deps-fuzz:
	@tests/deps.sh $(FUZZ_DEBS)

deps-bench: deps
	@tests/deps.sh $(BENCH_DEBS)
	@command -v npm >/dev/null || tests/deps.sh npm
	@[ -f build/typst/node_modules/@myriaddreamin/typst-ts-node-compiler/package.json ] || \
	    { mkdir -p build/typst && npm install --silent --no-audit --no-fund \
	      --prefix build/typst $(TYPST) || \
	      echo "deps-bench: no Typst; make bench leaves that peer out"; }

# ---- use ----

run: deps
	$(MAKE) all
	$(BIN) build -c config/rsm.ini
	$(BIN) build -c config/kfor.ini

# ---- tests ----

test: deps-test
	$(MAKE) check-suite

# The whole suite against the binaries in $(B): unit tests, then the
# golden and bad-input cases.
check-suite: $(BIN) $(UNIT)
	$(UNIT) -j2
	BRIEFGEN=$(abspath $(BIN)) tests/run-cases.sh

regen: $(BIN)
	BRIEFGEN=$(abspath $(BIN)) tests/run-cases.sh --regen

# AddressSanitizer + UndefinedBehaviorSanitizer over the whole suite; any
# report (leaks included) fails.
asan: deps-test
	rm -rf build/asan-logs && mkdir -p build/asan-logs
	ASAN_OPTIONS=detect_leaks=1:log_path=$(CURDIR)/build/asan-logs/asan:exitcode=99 \
	UBSAN_OPTIONS=print_stacktrace=1:log_path=$(CURDIR)/build/asan-logs/ubsan:halt_on_error=1 \
	$(MAKE) B=build/asan CC=gcc \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" check-suite
	@if ls build/asan-logs/* >/dev/null 2>&1; then \
	    cat build/asan-logs/*; echo "asan: sanitizer reports above"; exit 1; fi
	@echo "asan: no sanitizer reports"

# Cases run VG_JOBS at a time (a briefgen run is 30-40 times slower under
# valgrind, most of it libharu building each font's glyph map), each with
# a generous CASE_TIMEOUT.
VG_JOBS ?= 2
valgrind: deps-test $(BIN) $(UNIT)
	rm -rf build/vg-logs && mkdir -p build/vg-logs
	BRIEFGEN_WRAP="valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 --log-file=$(CURDIR)/build/vg-logs/vg.%p" \
	    CASE_JOBS=$(VG_JOBS) CASE_TIMEOUT=900 \
	    BRIEFGEN=$(abspath $(BIN)) tests/run-cases.sh
	valgrind -q --leak-check=full --error-exitcode=99 --trace-children=yes \
	    --log-file=$(CURDIR)/build/vg-logs/unit.%p $(UNIT) -j$(VG_JOBS) >/dev/null
	@if [ -n "$$(find build/vg-logs -type f -size +0)" ]; then \
	    cat build/vg-logs/*; echo "valgrind: reports above"; exit 1; fi
	@echo "valgrind: no errors, no leaks"

# ---- install ----
# The binary looks for the shipped files a project does not have (layouts,
# data/nations.ini, the map outlines in data/geo/) in DATADIR (compiled in,
# see project.o above); a user's project then holds only config/ and its
# mission's data/.  The man page names this install's own DATADIR.

SHIPPED_GEO = $(wildcard data/geo/*.txt)

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/layouts \
	    $(DESTDIR)$(DATADIR)/data $(DESTDIR)$(MANDIR) \
	    $(DESTDIR)$(DOCDIR)/layouts
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/briefgen
	install -m 644 layouts/*.ini $(DESTDIR)$(DATADIR)/layouts/
	install -m 644 data/nations.ini $(DESTDIR)$(DATADIR)/data/
	$(if $(SHIPPED_GEO),install -d $(DESTDIR)$(DATADIR)/data/geo && \
	    install -m 644 $(SHIPPED_GEO) $(DESTDIR)$(DATADIR)/data/geo/)
	sed 's|/usr/local/share/briefgen|$(DATADIR)|g; s|/usr/local/share/doc/briefgen|$(DOCDIR)|g' \
	    doc/briefgen.1 >$(B)/briefgen.1
	install -m 644 $(B)/briefgen.1 $(DESTDIR)$(MANDIR)/briefgen.1
	install -m 644 README.md $(DESTDIR)$(DOCDIR)/
	install -m 644 config/README.md $(DESTDIR)$(DOCDIR)/config.md
	install -m 644 data/README.md $(DESTDIR)$(DOCDIR)/data.md
	install -m 644 layouts/*.md $(DESTDIR)$(DOCDIR)/layouts/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/briefgen $(DESTDIR)$(MANDIR)/briefgen.1
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)

# ---- source tarball ----
# make dist: briefgen-VERSION.tar.gz of the files git tracks, as they are
# in the working tree.  Reproducible: names sorted, owner root, modes
# 644/755, every time SOURCE_DATE_EPOCH (default: the last commit's time),
# gzip without a name or time stamp.  make distcheck unpacks it alone in
# build/distcheck and runs `make test` there.

DIST = briefgen-$(VERSION)

dist:
	@test -n "$(VERSION)" || { echo "dist: no version in report/build.h"; exit 1; }
	@mkdir -p $(B)
	@epoch=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct)} && \
	git ls-files -z >$(B)/dist.list && \
	tar --create --file=$(B)/dist.tar --format=gnu --sort=name \
	    --transform='s|^|$(DIST)/|' --mtime=@$$epoch --owner=0 --group=0 \
	    --numeric-owner --mode='u+rw,go+r,go-w' \
	    --null --verbatim-files-from --files-from=$(B)/dist.list && \
	gzip -n -9 <$(B)/dist.tar >$(DIST).tar.gz.tmp && \
	mv $(DIST).tar.gz.tmp $(DIST).tar.gz && rm -f $(B)/dist.tar $(B)/dist.list
	@echo "dist: $(DIST).tar.gz ($$(sha256sum <$(DIST).tar.gz | cut -c1-16)...)"

distcheck: dist
	rm -rf build/distcheck && mkdir -p build/distcheck
	tar -xzf $(DIST).tar.gz -C build/distcheck
	cd build/distcheck/$(DIST) && env -u MAKEFLAGS -u MAKELEVEL $(MAKE) test
	@echo "distcheck: $(DIST).tar.gz builds and passes make test on its own"

clean:
	rm -rf build out briefgen-*.tar.gz

# ---- fuzzing (libFuzzer, clang) ----
# make fuzz FUZZ_SECONDS=600 runs every target in turn on its corpus;
# crashes land in build/fuzz/findings/ (add them to tests/cases/hostile-*).

FUZZ_SECONDS ?= 60
FUZZ_SRC  = $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN  = $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer-no-link,address,undefined \
             -fno-sanitize-recover=undefined

build/fuzz/obj/%.o: report/%.c $(wildcard report/*.h)
	@mkdir -p build/fuzz/obj
	@echo "CC(fuzz) $<"
	@clang -std=c11 $(WARN) -Wno-unused-command-line-argument $(CPPFLAGS) \
	    -DBRIEFGEN_DATADIR='"$(DATADIR)"' $(FUZZ_FLAGS) \
	    $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -c -o $@ $<

build/fuzz/%: tests/fuzz/%.c $(LIB_SRC:report/%.c=build/fuzz/obj/%.o)
	@echo "LD $@"
	@clang -std=c11 $(WARN) $(CPPFLAGS) -Ireport -g -O1 \
	    $(shell pkg-config --cflags $(PKGS) 2>/dev/null) \
	    -fsanitize=fuzzer,address,undefined -o $@ $^ $(LIBS)

.SECONDARY:

fuzz-build: deps-fuzz $(FUZZ_BIN)

fuzz: fuzz-build
	@mkdir -p build/fuzz/findings
	@for f in $(FUZZ_BIN); do \
	    t=$$(basename $$f); mkdir -p build/fuzz/corpus/$$t; \
	    echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	    $$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
	        -rss_limit_mb=2048 -artifact_prefix=build/fuzz/findings/$$t- \
	        -print_final_stats=1 build/fuzz/corpus/$$t tests/fuzz/corpus/$$t \
	        2>build/fuzz/$$t.log || { tail -40 build/fuzz/$$t.log; exit 1; }; \
	    grep -E "stat::number_of_executed_units|cov:" build/fuzz/$$t.log | tail -2; \
	done

# ---- benchmarks (never part of `make test`) ----
# make bench: speed, memory and growth against the libraries' own floor
# (tests/bench/floor.c); BENCH_RUNS=N runs per figure, BENCH_ARGS=--quick
# for the small missions only.  make profile: callgrind over each output of
# the default build, annotated into build/bench/profile/OUTPUT.txt, and a
# summary of the share of each library and of our own code.

$(B)/bench/floor: tests/bench/floor.c report/pdf_ops.c report/pdf_ops.h
	@mkdir -p $(B)/bench
	@echo "LD $@"
	@$(CC) $(ALL_CFLAGS) -Ireport $(LDFLAGS) -o $@ tests/bench/floor.c \
	    report/pdf_ops.c $(LIBS)

bench: deps-bench $(BIN) $(B)/bench/floor
	B=$(B) tests/bench/bench $(BENCH_ARGS)

profile: deps-bench $(BIN)
	@mkdir -p $(B)/bench/profile
	tests/bench/gen-mission --split $(B)/bench/profile
	@for c in $(B)/bench/profile/config/*.ini; do \
	    n=$$(basename $$c .ini); [ $$n = all ] && continue; \
	    valgrind -q --tool=callgrind \
	        --callgrind-out-file=$(B)/bench/profile/callgrind.$$n \
	        $(BIN) build --force -q -c $$c 2>/dev/null || \
	        { echo "profile: $$n: not built"; continue; }; \
	    callgrind_annotate --inclusive=yes $(B)/bench/profile/callgrind.$$n \
	        > $(B)/bench/profile/$$n.txt; \
	    echo "profile: $$n: $(B)/bench/profile/$$n.txt"; \
	done
	@tests/bench/profile-summary $(B)/bench/profile/callgrind.*
