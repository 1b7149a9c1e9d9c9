/* Test-only probe for scripts/windows-smoke.sh: whether the console it runs in interprets the
 * escape sequences the screens are drawn with. crossterm, under ratatui, writes them once the
 * console accepts ENABLE_VIRTUAL_TERMINAL_PROCESSING, as Windows 10 and later do. The probe asks
 * for the same mode, writes a cursor move and a letter, and reads the console's own cells back:
 * the letter where the move put it means the sequences are interpreted; the escape character in
 * a cell means they are kept as text, which a screen cannot be drawn with.
 * Prints what it found, also to the file named as its argument if any (wine's console redraws
 * what is printed, so it cannot be read back from the terminal as written); exits 0 when
 * interpreted, 1 when kept as text, 2 when it cannot tell. */
#include <windows.h>
#include <stdarg.h>
#include <stdio.h>

#ifndef ENABLE_VIRTUAL_TERMINAL_PROCESSING
#define ENABLE_VIRTUAL_TERMINAL_PROCESSING 0x0004
#endif

static FILE *copy;

static void say(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vprintf(format, args);
    va_end(args);
    if (copy) {
        va_start(args, format);
        vfprintf(copy, format, args);
        va_end(args);
    }
}

static int found(int code)
{
    if (copy)
        fclose(copy);
    return code;
}

int main(int argc, char **argv)
{
    copy = argc > 1 ? fopen(argv[1], "w") : NULL;
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    CONSOLE_SCREEN_BUFFER_INFO info;
    DWORD mode, n;
    if (!GetConsoleMode(out, &mode) || !GetConsoleScreenBufferInfo(out, &info)) {
        say("vt-probe: standard output is not a console\n");
        return found(2);
    }
    BOOL accepted = SetConsoleMode(out, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING);
    /* Row 2, column 5 of the window, as the sequence counts them from 1. */
    COORD target = {(SHORT)(info.srWindow.Left + 4), (SHORT)(info.srWindow.Top + 1)};
    COORD from = info.dwCursorPosition;
    static const WCHAR move[] = L"\x1b[2;5HX";
    WCHAR at_target = 0, at_from = 0;
    if (!WriteConsoleW(out, move, (DWORD)(sizeof move / sizeof move[0] - 1), &n, NULL) ||
        !ReadConsoleOutputCharacterW(out, &at_target, 1, target, &n) ||
        !ReadConsoleOutputCharacterW(out, &at_from, 1, from, &n)) {
        say("vt-probe: the console could not be written or read back\n");
        return found(2);
    }
    SetConsoleMode(out, mode);
    printf("\r\n");
    say("vt-probe: ENABLE_VIRTUAL_TERMINAL_PROCESSING %s; ", accepted ? "accepted" : "refused");
    if (at_target == L'X' && at_from != 0x1b) {
        say("escape sequences are interpreted\n");
        return found(0);
    }
    if (at_from == 0x1b) {
        say("escape sequences are kept as text (the escape character is in a cell)\n");
        return found(1);
    }
    say("cannot tell (cell at the move: U+%04X, at the cursor: U+%04X)\n", at_target, at_from);
    return found(2);
}
