#ifndef C8_CNCURSES_SHIM_H
#define C8_CNCURSES_SHIM_H

// SwiftPM drops the pkg-config cflags (-D_XOPEN_SOURCE=600) that would turn
// on the wide-character API, so it is switched on here, before the include.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Macros and C globals Swift cannot import (or that Swift 6 rejects as shared
// mutable state) become functions. Only C8Terminal imports this module.
static inline attr_t c8_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t c8_A_BOLD(void) { return A_BOLD; }
static inline attr_t c8_A_DIM(void) { return A_DIM; }
static inline attr_t c8_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t c8_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t c8_A_ITALIC(void) { return A_ITALIC; }
static inline attr_t c8_A_BLINK(void) { return A_BLINK; }
static inline int c8_COLOR_PAIR(int n) { return (int)COLOR_PAIR(n); }
static inline int c8_KEY_F(int n) { return KEY_F(n); }
static inline WINDOW *c8_stdscr(void) { return stdscr; }
static inline int c8_LINES(void) { return LINES; }
static inline int c8_COLS(void) { return COLS; }
static inline int c8_COLORS(void) { return COLORS; }
static inline int c8_COLOR_PAIRS(void) { return COLOR_PAIRS; }
static inline void c8_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }
static inline mmask_t c8_ALL_MOUSE_EVENTS(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t c8_REPORT_MOUSE_POSITION(void) { return REPORT_MOUSE_POSITION; }
static inline mmask_t c8_BUTTON1_PRESSED(void) { return BUTTON1_PRESSED; }
static inline mmask_t c8_BUTTON1_RELEASED(void) { return BUTTON1_RELEASED; }
static inline mmask_t c8_BUTTON1_CLICKED(void) { return BUTTON1_CLICKED; }
static inline mmask_t c8_BUTTON4_PRESSED(void) { return BUTTON4_PRESSED; }
static inline mmask_t c8_BUTTON5_PRESSED(void) { return BUTTON5_PRESSED; }

// More mouse masks: merged clicks count as presses; button 3 is named so the
// tests can show that buttons other than the left one are ignored.
static inline mmask_t c8_BUTTON1_DOUBLE_CLICKED(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t c8_BUTTON1_TRIPLE_CLICKED(void) { return BUTTON1_TRIPLE_CLICKED; }
static inline mmask_t c8_BUTTON3_PRESSED(void) { return BUTTON3_PRESSED; }

// glibc declares wcwidth only under _XOPEN_SOURCE (one of the dropped
// pkg-config flags); the renderer needs ncurses' own measure of a character.
extern int wcwidth(wchar_t c);
static inline int c8_wcwidth(wchar_t c) { return wcwidth(c); }

#endif
