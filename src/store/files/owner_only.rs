//! Owner-only, by each platform's own means: mode 0600/0700 on Unix; on Windows an access list
//! granting only the current user, with nothing inherited from the folder above (a folder's list
//! is inherited by what is made in it, so a case folder made here protects its files too).

use std::fs::File;
use std::io;
use std::path::Path;

/// Make an open file, found at `path`, readable and writable by its owner only. (Windows sets the
/// list by name: a handle opened to write may not change who can read.)
pub fn file(file: &File, path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = path;
        if file.metadata()?.permissions().mode() & 0o777 != 0o600 {
            file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
        Ok(())
    }
    #[cfg(windows)]
    {
        let _ = file;
        windows::protect(path, 0)
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = (file, path);
        Ok(())
    }
}

/// Make a folder we have just made usable by its owner only (Unix: the mode it was made with).
pub fn dir(path: &Path) -> io::Result<()> {
    #[cfg(windows)]
    {
        // Inherited by the files and folders made inside.
        windows::protect(
            path,
            windows_sys::Win32::Security::OBJECT_INHERIT_ACE
                | windows_sys::Win32::Security::CONTAINER_INHERIT_ACE,
        )
    }
    #[cfg(not(windows))]
    {
        let _ = path;
        Ok(())
    }
}

#[cfg(windows)]
mod windows {
    use std::ffi::c_void;
    use std::io;
    use std::os::windows::ffi::OsStrExt;
    use std::path::Path;

    use windows_sys::Win32::Foundation::{CloseHandle, ERROR_SUCCESS, HANDLE};
    use windows_sys::Win32::Security::Authorization::{SE_FILE_OBJECT, SetNamedSecurityInfoW};
    use windows_sys::Win32::Security::{
        ACCESS_ALLOWED_ACE, ACE_FLAGS, ACL, ACL_REVISION, AddAccessAllowedAceEx,
        DACL_SECURITY_INFORMATION, GetLengthSid, GetTokenInformation, InitializeAcl,
        PROTECTED_DACL_SECURITY_INFORMATION, TOKEN_QUERY, TOKEN_USER, TokenUser,
    };
    use windows_sys::Win32::Storage::FileSystem::FILE_ALL_ACCESS;
    use windows_sys::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};

    pub fn protect(path: &Path, flags: ACE_FLAGS) -> io::Result<()> {
        let acl = OwnerOnlyAcl::new(flags)?;
        let wide: Vec<u16> = path
            .as_os_str()
            .encode_wide()
            .chain(std::iter::once(0))
            .collect();
        // SAFETY: `wide` is NUL-terminated and outlives the call, as does the list.
        let err = unsafe {
            SetNamedSecurityInfoW(
                wide.as_ptr(),
                SE_FILE_OBJECT,
                DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                acl.as_ptr(),
                std::ptr::null(),
            )
        };
        check(err)
    }

    fn check(err: u32) -> io::Result<()> {
        if err == ERROR_SUCCESS {
            Ok(())
        } else {
            Err(io::Error::from_raw_os_error(err as i32))
        }
    }

    /// An access list with one entry: full access for the user this process runs as.
    struct OwnerOnlyAcl {
        // u32s keep the list aligned as Windows wants it.
        buf: Vec<u32>,
    }

    impl OwnerOnlyAcl {
        fn new(flags: ACE_FLAGS) -> io::Result<OwnerOnlyAcl> {
            let user = current_user()?;
            // The user's SID sits inside the token's buffer, after the TOKEN_USER header.
            let sid = unsafe { (*(user.as_ptr() as *const TOKEN_USER)).User.Sid };
            // SAFETY: `sid` points into `user`, a valid SID the system wrote.
            let sid_len = unsafe { GetLengthSid(sid) } as usize;
            let len =
                size_of::<ACL>() + size_of::<ACCESS_ALLOWED_ACE>() - size_of::<u32>() + sid_len;
            let mut buf = vec![0u32; len.div_ceil(4)];
            let ptr = buf.as_mut_ptr() as *mut ACL;
            // SAFETY: `buf` is at least `len` bytes, aligned for an ACL; `sid` is valid.
            unsafe {
                if InitializeAcl(ptr, len as u32, ACL_REVISION) == 0
                    || AddAccessAllowedAceEx(ptr, ACL_REVISION, flags, FILE_ALL_ACCESS, sid) == 0
                {
                    return Err(io::Error::last_os_error());
                }
            }
            Ok(OwnerOnlyAcl { buf })
        }

        fn as_ptr(&self) -> *const ACL {
            self.buf.as_ptr() as *const ACL
        }
    }

    /// The process token's TOKEN_USER, in a buffer aligned for it.
    fn current_user() -> io::Result<Vec<u64>> {
        let mut token: HANDLE = std::ptr::null_mut();
        // SAFETY: the pseudo-handle of this process needs no closing; `token` is ours to close.
        if unsafe { OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &mut token) } == 0 {
            return Err(io::Error::last_os_error());
        }
        let mut needed = 0u32;
        // SAFETY: asking for the size only, with no buffer.
        unsafe { GetTokenInformation(token, TokenUser, std::ptr::null_mut(), 0, &mut needed) };
        let mut buf = vec![0u64; (needed as usize).div_ceil(8).max(1)];
        // SAFETY: `buf` holds at least `needed` bytes.
        let ok = unsafe {
            GetTokenInformation(
                token,
                TokenUser,
                buf.as_mut_ptr() as *mut c_void,
                needed,
                &mut needed,
            )
        };
        let err = io::Error::last_os_error();
        // SAFETY: opened above, closed once.
        unsafe { CloseHandle(token) };
        if ok == 0 {
            return Err(err);
        }
        Ok(buf)
    }
}
