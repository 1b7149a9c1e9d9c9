/* Test-only stand-in for Windows' bcryptprimitives.dll, which wine 8 lacks. Rust's standard
 * library asks it for random bytes (ProcessPrng); this answers through advapi32's
 * SystemFunction036 (RtlGenRandom), which wine has. Never shipped: scripts/windows-smoke.sh
 * builds it beside the program it runs under wine. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
