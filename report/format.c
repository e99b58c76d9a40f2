/* format.c - numbers, dates and flags as documents show them (format.h). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "model.h"

const char fmt_locale_names[] = "en, fr, de, plain";

static const struct {
	const char *name, *thousands, *decimal;
} locales[] = {
	{"en", ",", "."},
	{"fr", "\xc2\xa0", ","},        /* no-break space: 16 551 stays whole */
	{"de", ".", ","},
	{"plain", "", "."},
};

int
fmt_locale_init(struct fmt_locale *l, const char *name)
{
	size_t i;

	memset(l, 0, sizeof(*l));
	for (i = 0; i < sizeof(locales) / sizeof(locales[0]); i++)
		if (strcmp(name, locales[i].name) == 0) {
			snprintf(l->thousands, sizeof(l->thousands), "%s",
			    locales[i].thousands);
			snprintf(l->decimal, sizeof(l->decimal), "%s",
			    locales[i].decimal);
			return 0;
		}
	return -1;
}

const char fmt_names[] = "number, plain, percent, thousands, millions, "
    "billions (each with an optional number of decimals: percent1), date, "
    "iso, year, upper, yesno, mark";

static const char *const kind_names[FMT__MAX] = {
	"auto", "number", "plain", "percent", "thousands", "millions",
	"billions", "date", "iso", "year", "upper", "yesno", "mark"
};

/* Kinds that take a number of decimals. */
static int
numeric_kind(enum fmt_kind k)
{
	return k == FMT_NUMBER || k == FMT_PLAIN || k == FMT_PERCENT ||
	    k == FMT_THOUSANDS || k == FMT_MILLIONS || k == FMT_BILLIONS;
}

int
fmt_parse(const char *s, struct fmt_spec *out)
{
	size_t n = strlen(s);
	int i, dec = -1;

	if (n > 1 && isdigit((unsigned char)s[n - 1])) {
		dec = s[n - 1] - '0';
		n--;
	}
	for (i = 1; i < FMT__MAX; i++)
		if (strlen(kind_names[i]) == n &&
		    strncmp(s, kind_names[i], n) == 0) {
			if (dec >= 0 && !numeric_kind((enum fmt_kind)i))
				return -1;
			out->kind = (enum fmt_kind)i;
			out->decimals = dec;
			return 0;
		}
	return -1;
}

/* Group the digits of the integer part with the thousands separator. */
static void
group(const char *digits, size_t nd, const char *sep, struct buf *out)
{
	size_t i;

	for (i = 0; i < nd; i++) {
		if (i > 0 && (nd - i) % 3 == 0)
			buf_puts(out, sep);
		buf_add(out, digits + i, 1);
	}
}

void
fmt_number(double v, int decimals, const struct fmt_locale *l,
    struct buf *out)
{
	char tmp[400], *p = tmp, *dot;

	if (!isfinite(v) || fabs(v) >= 1e300) {
		buf_puts(out, "?");
		return;
	}
	if (decimals < 0)
		decimals = 0;
	snprintf(tmp, sizeof(tmp), "%.*f", decimals, v);
	/* "-0" and "-0.0" are zero. */
	if (*p == '-' && strspn(p + 1, "0.") == strlen(p + 1))
		p++;
	if (*p == '-') {
		buf_puts(out, "-");
		p++;
	}
	dot = strchr(p, '.');
	group(p, dot ? (size_t)(dot - p) : strlen(p), l->thousands, out);
	if (dot) {
		buf_puts(out, l->decimal);
		buf_puts(out, dot + 1);
	}
}

/* A real number without a chosen format: whole numbers as such, others
 * with up to two decimals and no trailing zeros. */
static void
auto_real(double r, const struct fmt_locale *l, struct buf *out)
{
	int dec = 2;
	double scaled = r * 100;

	if (fabs(scaled - floor(scaled + 0.5)) < 1e-9) {
		long long c = llabs((long long)floor(scaled + 0.5));

		dec = c % 100 == 0 ? 0 : c % 10 == 0 ? 1 : 2;
	}
	fmt_number(r, dec, l, out);
}

static void
date_text(const struct date *d, const struct fmt_locale *l, struct buf *out)
{
	char s[64];

	if (l->months[0] == NULL || d->prec == DATE_YEAR) {
		date_long(d, s, sizeof(s));
		buf_puts(out, s);
	} else if (d->prec == DATE_MONTH)
		buf_printf(out, "%s %d", l->months[d->m - 1], d->y);
	else if (d->prec == DATE_DAY)
		buf_printf(out, "%d %s %d", d->d, l->months[d->m - 1], d->y);
}

static void
fmt_date(const struct date *d, enum fmt_kind k, const struct fmt_locale *l,
    struct buf *out)
{
	char iso[11];

	if (k == FMT_ISO) {
		date_iso(d, iso);
		buf_puts(out, iso);
	} else if (k == FMT_YEAR)
		buf_printf(out, "%d", d->y);
	else
		date_text(d, l, out);
}

static void
upper(const char *s, struct buf *out)
{
	size_t start = out->len;
	char *p;

	buf_puts(out, s);
	for (p = out->data + start; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
}

double
fmt_as_double(const struct qvalue *v)
{
	if (v->type == QV_INT)
		return (double)v->i;
	if (v->type == QV_REAL)
		return v->r;
	return 0;
}

/* A number in format f. */
static void
fmt_num(double x, int is_int, const struct fmt_spec *f,
    const struct fmt_locale *l, struct buf *out)
{
	struct fmt_locale plain = *l;
	int dec = f->decimals;

	switch (f->kind) {
	case FMT_PERCENT:
		dec = dec < 0 ? 0 : dec;
		/* A share too small to show is not nothing: "<0.1%". */
		if (x > 0 && x * 100 < 0.5 * pow(10, -dec)) {
			buf_puts(out, "<");
			fmt_number(pow(10, -dec), dec, l, out);
		} else {
			fmt_number(x * 100, dec, l, out);
		}
		buf_puts(out, "%");
		return;
	case FMT_THOUSANDS:
	case FMT_MILLIONS:
	case FMT_BILLIONS:
		x /= f->kind == FMT_THOUSANDS ? 1e3 :
		    f->kind == FMT_MILLIONS ? 1e6 : 1e9;
		if (dec < 0) {
			auto_real(floor(x * 10 + 0.5) / 10, l, out);
			return;
		}
		break;
	case FMT_PLAIN:
		plain.thousands[0] = '\0';
		l = &plain;
		break;
	case FMT_YESNO:
		buf_puts(out, x != 0 ? (l->yes ? l->yes : "1") :
		    (l->no ? l->no : "0"));
		return;
	case FMT_MARK:
		plain.thousands[0] = '\0';
		buf_puts(out, "[");
		fmt_number(x, 0, &plain, out);
		buf_puts(out, "]");
		return;
	default:
		break;
	}
	if (dec >= 0)
		fmt_number(x, dec, l, out);
	else if (is_int)
		fmt_number(x, 0, l, out);
	else
		auto_real(x, l, out);
}

void
fmt_value(const struct qvalue *v, const struct fmt_spec *f,
    const struct fmt_locale *l, struct buf *out)
{
	switch (v->type) {
	case QV_INT:
		fmt_num((double)v->i, 1, f, l, out);
		break;
	case QV_REAL:
		fmt_num(v->r, 0, f, l, out);
		break;
	case QV_DATE:
		fmt_date(&v->d, f->kind, l, out);
		break;
	case QV_TEXT:
		if (f->kind == FMT_UPPER)
			upper(v->text, out);
		else
			buf_puts(out, v->text);
		break;
	case QV_NONE:
		break;
	}
}

const char *const fmt_pagestyle_names[] = {"arabic", "roman", "upper-roman",
	NULL};

void
fmt_page_number(long n, enum fmt_pagestyle s, struct buf *out)
{
	static const struct {
		int v;
		const char *lo, *up;
	} r[] = {
		{1000, "m", "M"}, {900, "cm", "CM"}, {500, "d", "D"},
		{400, "cd", "CD"}, {100, "c", "C"}, {90, "xc", "XC"},
		{50, "l", "L"}, {40, "xl", "XL"}, {10, "x", "X"},
		{9, "ix", "IX"}, {5, "v", "V"}, {4, "iv", "IV"}, {1, "i", "I"},
	};
	size_t i;

	if (s == PN_ARABIC || n < 1 || n > 3999) {
		buf_printf(out, "%ld", n);
		return;
	}
	for (i = 0; i < sizeof(r) / sizeof(r[0]); i++)
		for (; n >= r[i].v; n -= r[i].v)
			buf_puts(out, s == PN_ROMAN ? r[i].lo : r[i].up);
}
