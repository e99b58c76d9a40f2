/* cmd.h - the sub-commands of briefgen; each takes its own argv (argv[0]
 * is the command name) and returns an exit status. */
#ifndef BRIEFGEN_CMD_H
#define BRIEFGEN_CMD_H

int cmd_check(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_watch(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_new_mission(int argc, char **argv);

#endif
