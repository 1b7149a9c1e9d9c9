/* Test-only checker for scripts/windows-smoke.sh: for each path given, whether its access list
 * is owner-only as coregroup makes it (protected from inheritance, one entry, allowing the user
 * this runs as). Prints each path that is not, and exits 1 if any is not. */
#include <windows.h>
#include <aclapi.h>
#include <stdio.h>

static PSID current_user(void)
{
    static BYTE buf[256];
    HANDLE token;
    DWORD len;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token))
        return NULL;
    if (!GetTokenInformation(token, TokenUser, buf, sizeof buf, &len))
        return NULL;
    CloseHandle(token);
    return ((TOKEN_USER *)buf)->User.Sid;
}

int wmain(int argc, wchar_t **argv)
{
    PSID user = current_user();
    int bad = 0;
    if (!user) {
        fprintf(stderr, "cannot read this process's user\n");
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        PACL dacl = NULL;
        PSECURITY_DESCRIPTOR sd = NULL;
        SECURITY_DESCRIPTOR_CONTROL control = 0;
        DWORD revision;
        const char *why = NULL;
        if (GetNamedSecurityInfoW(argv[i], SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, NULL,
                                  NULL, &dacl, NULL, &sd) != ERROR_SUCCESS)
            why = "its access list cannot be read";
        else if (!GetSecurityDescriptorControl(sd, &control, &revision) ||
                 !(control & SE_DACL_PROTECTED))
            why = "it inherits its folder's access list";
        else if (!dacl || dacl->AceCount != 1)
            why = "it has other entries than the user's";
        else {
            ACCESS_ALLOWED_ACE *ace;
            if (!GetAce(dacl, 0, (void **)&ace) || ace->Header.AceType != ACCESS_ALLOWED_ACE_TYPE ||
                !EqualSid((PSID)&ace->SidStart, user))
                why = "its one entry is not the user's";
        }
        if (why) {
            wprintf(L"%ls: ", argv[i]);
            printf("%s\n", why);
            bad = 1;
        }
        if (sd)
            LocalFree(sd);
    }
    return bad;
}
