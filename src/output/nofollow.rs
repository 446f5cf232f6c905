//! Folders opened without following links. Every step down the output folder opens
//! the next folder relative to the one above with `O_NOFOLLOW`, so a link someone put
//! inside the output is never written through, read through or deleted through: it
//! is removed (the link only, never what it points to) and replaced by what the build
//! makes. Off Unix the same checks are made by path, which leaves a window between
//! the check and the use; see README § Build output.

use std::ffi::OsStr;
use std::io;
use std::path::{Component, Path, PathBuf};

/// An open folder. Folders below it are reached only through it.
pub(crate) struct Dir {
    #[cfg(unix)]
    fd: std::os::fd::OwnedFd,
    /// Its path, for messages (and, off Unix, for the operations).
    path: PathBuf,
}

/// What an entry of a folder is, seen without following a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Missing,
    Dir,
    File,
    /// A symbolic link, or anything else that is neither a folder nor a file.
    Other,
}

impl Dir {
    /// The folder that is the path itself: a link at `path` is refused (callers pass
    /// a path whose links were resolved on purpose, see `output::absolute`).
    pub(crate) fn open(path: &Path) -> io::Result<Dir> {
        #[cfg(unix)]
        {
            use rustix::fs::{CWD, Mode};
            let fd = rustix::fs::openat(CWD, path, dir_flags(), Mode::empty())?;
            Ok(Dir {
                fd,
                path: path.to_path_buf(),
            })
        }
        #[cfg(not(unix))]
        {
            match kind_of(path) {
                Kind::Dir => Ok(Dir {
                    path: path.to_path_buf(),
                }),
                Kind::Missing => Err(io::ErrorKind::NotFound.into()),
                _ => Err(io::Error::other("not a folder")),
            }
        }
    }

    /// Its path.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// What `name` is, without following a link.
    pub(crate) fn kind(&self, name: &OsStr) -> Kind {
        #[cfg(unix)]
        {
            use std::os::fd::AsFd;
            kind_at(self.fd.as_fd(), name)
        }
        #[cfg(not(unix))]
        {
            kind_of(&self.path.join(name))
        }
    }

    /// The folder `name` inside this one, or `None` if there is none. A link or file
    /// there is left alone and gives `None` too (`replaced` is not set: nothing was
    /// changed).
    pub(crate) fn sub(&self, name: &OsStr) -> io::Result<Option<Dir>> {
        match self.kind(name) {
            Kind::Dir => self.open_sub(name).map(Some),
            _ => Ok(None),
        }
    }

    /// The folder `name` inside this one, made if missing. A link or file in its
    /// place is removed first (never followed), and `replaced` is set.
    pub(crate) fn sub_made(&self, name: &OsStr, replaced: &mut bool) -> io::Result<Dir> {
        match self.kind(name) {
            Kind::Dir => {}
            Kind::Missing => self.mkdir(name)?,
            Kind::File | Kind::Other => {
                self.unlink(name)?;
                *replaced = true;
                self.mkdir(name)?;
            }
        }
        self.open_sub(name)
    }

    fn open_sub(&self, name: &OsStr) -> io::Result<Dir> {
        let path = self.path.join(name);
        #[cfg(unix)]
        {
            // O_NOFOLLOW: had the folder been swapped for a link since `kind`, the
            // open fails rather than follows it.
            let fd = rustix::fs::openat(&self.fd, name, dir_flags(), rustix::fs::Mode::empty())?;
            Ok(Dir { fd, path })
        }
        #[cfg(not(unix))]
        {
            Dir::open(&path)
        }
    }

    fn mkdir(&self, name: &OsStr) -> io::Result<()> {
        #[cfg(unix)]
        let made = rustix::fs::mkdirat(&self.fd, name, rustix::fs::Mode::from_raw_mode(0o777))
            .map_err(io::Error::from);
        #[cfg(not(unix))]
        let made = std::fs::create_dir(self.path.join(name));
        match made {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
            r => r,
        }
    }

    /// Removes the file or link `name` (a link itself, never what it points to).
    /// A missing one is fine.
    pub(crate) fn unlink(&self, name: &OsStr) -> io::Result<()> {
        #[cfg(unix)]
        {
            unlink_at(std::os::fd::AsFd::as_fd(&self.fd), name)
        }
        #[cfg(not(unix))]
        {
            let p = self.path.join(name);
            // A link to a folder is removed as a folder on Windows.
            let r = std::fs::remove_file(&p).or_else(|e| {
                if kind_of(&p) == Kind::Other {
                    std::fs::remove_dir(&p)
                } else {
                    Err(e)
                }
            });
            match r {
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
                r => r,
            }
        }
    }

    /// Removes the folder `name` if it is empty; says whether it did.
    pub(crate) fn remove_empty(&self, name: &OsStr) -> bool {
        #[cfg(unix)]
        {
            rustix::fs::unlinkat(&self.fd, name, rustix::fs::AtFlags::REMOVEDIR).is_ok()
        }
        #[cfg(not(unix))]
        {
            std::fs::remove_dir(self.path.join(name)).is_ok()
        }
    }

    /// Reads the file `name`; `None` if it is missing, a folder or a link.
    pub(crate) fn read(&self, name: &OsStr) -> Option<Vec<u8>> {
        #[cfg(unix)]
        {
            use rustix::fs::{Mode, OFlags};
            use std::io::Read;
            let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
            let fd = rustix::fs::openat(&self.fd, name, flags, Mode::empty()).ok()?;
            let mut file = std::fs::File::from(fd);
            if !file.metadata().ok()?.is_file() {
                return None;
            }
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).ok()?;
            Some(bytes)
        }
        #[cfg(not(unix))]
        {
            let p = self.path.join(name);
            (kind_of(&p) == Kind::File)
                .then(|| std::fs::read(&p).ok())
                .flatten()
        }
    }

    /// Writes the file `name` whole: to a new temporary file beside it, renamed over
    /// it, so a reader never sees half a file and a link at `name` is replaced, not
    /// written through. A folder at `name` is removed first.
    pub(crate) fn write_atomic(&self, name: &OsStr, bytes: &[u8]) -> io::Result<()> {
        let mut tmp = std::ffi::OsString::from(".");
        tmp.push(name);
        tmp.push(TMP_SUFFIX);
        self.unlink(&tmp)?;
        let written = self.create_new(&tmp, bytes).and_then(|()| {
            if self.kind(name) == Kind::Dir {
                self.remove_tree(name)?;
            }
            self.rename(&tmp, name)
        });
        if written.is_err() {
            let _ = self.unlink(&tmp);
        }
        written
    }

    /// Writes the new file `name`, failing if anything (a link included) is there.
    pub(crate) fn create_new(&self, name: &OsStr, bytes: &[u8]) -> io::Result<()> {
        use std::io::Write;
        #[cfg(unix)]
        let mut file = {
            use rustix::fs::{Mode, OFlags};
            let flags =
                OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
            let fd = rustix::fs::openat(&self.fd, name, flags, Mode::from_raw_mode(0o666))?;
            std::fs::File::from(fd)
        };
        #[cfg(not(unix))]
        let mut file = std::fs::File::create_new(self.path.join(name))?;
        file.write_all(bytes)
    }

    /// Renames `from` to `to`, both in this folder (a link at `to` is replaced).
    pub(crate) fn rename(&self, from: &OsStr, to: &OsStr) -> io::Result<()> {
        #[cfg(unix)]
        {
            rustix::fs::renameat(&self.fd, from, &self.fd, to).map_err(io::Error::from)
        }
        #[cfg(not(unix))]
        {
            std::fs::rename(self.path.join(from), self.path.join(to))
        }
    }

    /// Swaps the folders `a` and `b` of this folder in one step, so each name has a
    /// folder at every instant. `Ok(false)` where the system or file system cannot
    /// (anything but Linux; some network file systems).
    pub(crate) fn exchange(&self, a: &OsStr, b: &OsStr) -> io::Result<bool> {
        #[cfg(target_os = "linux")]
        {
            use rustix::fs::RenameFlags;
            use rustix::io::Errno;
            match rustix::fs::renameat_with(&self.fd, a, &self.fd, b, RenameFlags::EXCHANGE) {
                Ok(()) => Ok(true),
                Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(false),
                Err(e) => Err(e.into()),
            }
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = (a, b);
            Ok(false)
        }
    }

    /// The names in this folder.
    pub(crate) fn names(&self) -> io::Result<Vec<std::ffi::OsString>> {
        Ok(self.entries()?.into_iter().map(|(n, _)| n).collect())
    }

    /// The names in this folder, each with what it is (from the folder listing
    /// where the file system says, which saves a look at each entry).
    pub(crate) fn entries(&self) -> io::Result<Vec<(std::ffi::OsString, Kind)>> {
        #[cfg(unix)]
        {
            listed(&mut rustix::fs::Dir::read_from(&self.fd)?)
        }
        #[cfg(not(unix))]
        {
            std::fs::read_dir(&self.path)?
                .map(|e| e.map(|e| e.file_name()))
                .map(|n| n.map(|n| (n.clone(), self.kind(&n))))
                .collect()
        }
    }

    /// Removes the folder `name` and everything in it (links inside are removed,
    /// never followed).
    pub(crate) fn remove_tree(&self, name: &OsStr) -> io::Result<()> {
        match self.kind(name) {
            Kind::Missing => Ok(()),
            Kind::Dir => self.remove_folder(name),
            _ => self.unlink(name),
        }
    }

    /// Removes `name`, which a listing of this folder said is a folder, and
    /// everything in it: opened without following a link, so had it been swapped for
    /// one since, nothing is followed and this fails (the next build removes the
    /// rest).
    pub(crate) fn remove_folder(&self, name: &OsStr) -> io::Result<()> {
        self.open_sub(name)?.empty_out()?;
        #[cfg(unix)]
        {
            rustix::fs::unlinkat(&self.fd, name, rustix::fs::AtFlags::REMOVEDIR)
                .map_err(io::Error::from)
        }
        #[cfg(not(unix))]
        {
            std::fs::remove_dir(self.path.join(name))
        }
    }

    /// Removes everything in this folder, a folder's entries in parallel (deleting
    /// the previous build's thousands of files is the last step of every build).
    /// Each entry is removed as its folder's listing says it is, without a look of
    /// its own, and the listing reads this folder's own handle (a listing of a
    /// borrowed one opens the folder again): one system call per file, and four per
    /// folder, as `rm -r` makes.
    fn empty_out(self) -> io::Result<()> {
        use rayon::prelude::*;
        #[cfg(unix)]
        {
            use std::os::fd::AsFd;
            let path = self.path;
            let mut listing = rustix::fs::Dir::new(self.fd)?;
            let entries = listed(&mut listing)?;
            let fd = listing.fd()?;
            entries.par_iter().try_for_each(|(n, kind)| match kind {
                Kind::Dir => {
                    let sub = rustix::fs::openat(fd, n, dir_flags(), rustix::fs::Mode::empty())?;
                    Dir {
                        fd: sub,
                        path: path.join(n),
                    }
                    .empty_out()?;
                    rustix::fs::unlinkat(fd, n, rustix::fs::AtFlags::REMOVEDIR)
                        .map_err(io::Error::from)
                }
                _ => unlink_at(fd.as_fd(), n),
            })
        }
        #[cfg(not(unix))]
        {
            self.entries()?
                .par_iter()
                .try_for_each(|(n, kind)| match kind {
                    Kind::Dir => self.remove_folder(n),
                    _ => self.unlink(n),
                })
        }
    }
}

/// A folder's entries from its listing, each with what it is (from the listing where
/// the file system says, else from a look that does not follow a link).
#[cfg(unix)]
fn listed(listing: &mut rustix::fs::Dir) -> io::Result<Vec<(std::ffi::OsString, Kind)>> {
    use rustix::fs::FileType;
    use std::os::unix::ffi::OsStrExt;
    let mut entries = Vec::new();
    while let Some(entry) = listing.read() {
        let entry = entry?;
        let bytes = entry.file_name().to_bytes();
        if bytes == b"." || bytes == b".." {
            continue;
        }
        let name = OsStr::from_bytes(bytes).to_os_string();
        let kind = match entry.file_type() {
            FileType::Directory => Kind::Dir,
            FileType::RegularFile => Kind::File,
            FileType::Unknown => kind_at(listing.fd()?, &name),
            _ => Kind::Other,
        };
        entries.push((name, kind));
    }
    Ok(entries)
}

/// What `name` in the folder `fd` is, without following a link.
#[cfg(unix)]
fn kind_at(fd: std::os::fd::BorrowedFd<'_>, name: &OsStr) -> Kind {
    use rustix::fs::{AtFlags, FileType};
    match rustix::fs::statat(fd, name, AtFlags::SYMLINK_NOFOLLOW) {
        Ok(st) => match FileType::from_raw_mode(st.st_mode) {
            FileType::Directory => Kind::Dir,
            FileType::RegularFile => Kind::File,
            _ => Kind::Other,
        },
        Err(_) => Kind::Missing,
    }
}

/// Removes the file or link `name` in the folder `fd` (a link itself, never what it
/// points to). A missing one is fine.
#[cfg(unix)]
fn unlink_at(fd: std::os::fd::BorrowedFd<'_>, name: &OsStr) -> io::Result<()> {
    match rustix::fs::unlinkat(fd, name, rustix::fs::AtFlags::empty()) {
        Err(rustix::io::Errno::NOENT) => Ok(()),
        r => r.map_err(io::Error::from),
    }
}

/// The suffix of the temporary file a write goes to before it is renamed into place.
pub(crate) const TMP_SUFFIX: &str = ".dangos-tmp";

#[cfg(unix)]
fn dir_flags() -> rustix::fs::OFlags {
    use rustix::fs::OFlags;
    OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC
}

#[cfg(not(unix))]
fn kind_of(path: &Path) -> Kind {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_dir() => Kind::Dir,
        Ok(m) if m.file_type().is_file() => Kind::File,
        Ok(_) => Kind::Other,
        Err(_) => Kind::Missing,
    }
}

/// The folder holding `rel` (relative to `top`, plain names only) and its last name,
/// walking down without following links. With `make`, missing folders are made and
/// links or files in the way are replaced by folders (`replaced` is set); without, a
/// missing folder gives `None`, and so does a link in the way, which is removed (it
/// is inside the output folder, where dangos replaces links; `replaced` is set).
pub(crate) fn parent_of<'a>(
    top: &Dir,
    rel: &'a Path,
    make: bool,
    replaced: &mut bool,
) -> io::Result<Option<(Dir, &'a OsStr)>> {
    let names: Vec<&OsStr> = rel
        .components()
        .map(|c| match c {
            Component::Normal(n) => Ok(n),
            _ => Err(io::Error::other("not a plain relative path")),
        })
        .collect::<io::Result<_>>()?;
    let Some((last, folders)) = names.split_last() else {
        return Err(io::Error::other("an empty path"));
    };
    let mut dir: Option<Dir> = None;
    for name in folders {
        let here = dir.as_ref().unwrap_or(top);
        let next = if make {
            here.sub_made(name, replaced)?
        } else {
            match here.kind(name) {
                Kind::Dir => here.open_sub(name)?,
                Kind::Missing | Kind::File => return Ok(None),
                Kind::Other => {
                    here.unlink(name)?;
                    *replaced = true;
                    return Ok(None);
                }
            }
        };
        dir = Some(next);
    }
    let dir = match dir {
        Some(d) => d,
        None => top.try_clone()?,
    };
    Ok(Some((dir, last)))
}

impl Dir {
    fn try_clone(&self) -> io::Result<Dir> {
        Ok(Dir {
            #[cfg(unix)]
            fd: self.fd.try_clone()?,
            path: self.path.clone(),
        })
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn links_are_replaced_never_followed() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("out");
        let elsewhere = t.path().join("elsewhere");
        fs::create_dir_all(&out).unwrap();
        fs::create_dir_all(&elsewhere).unwrap();
        fs::write(elsewhere.join("index.html"), "precious").unwrap();
        std::os::unix::fs::symlink(&elsewhere, out.join("en")).unwrap();
        std::os::unix::fs::symlink(elsewhere.join("index.html"), out.join("a.html")).unwrap();

        let top = Dir::open(&out).unwrap();
        let mut replaced = false;
        assert!(
            top.read(OsStr::new("a.html")).is_none(),
            "read through a link"
        );
        top.write_atomic(OsStr::new("a.html"), b"new").unwrap();
        let (en, name) = parent_of(&top, Path::new("en/index.html"), true, &mut replaced)
            .unwrap()
            .unwrap();
        en.write_atomic(name, b"new").unwrap();
        assert!(replaced);
        assert_eq!(fs::read(elsewhere.join("index.html")).unwrap(), b"precious");
        assert!(!fs::symlink_metadata(out.join("en")).unwrap().is_symlink());
        assert_eq!(fs::read(out.join("en/index.html")).unwrap(), b"new");
        assert_eq!(fs::read(out.join("a.html")).unwrap(), b"new");

        // Deleting through a link deletes the link only.
        fs::remove_dir_all(out.join("en")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, out.join("en")).unwrap();
        let mut replaced = false;
        assert!(
            parent_of(&top, Path::new("en/index.html"), false, &mut replaced)
                .unwrap()
                .is_none()
        );
        assert!(replaced && !out.join("en").exists());
        std::os::unix::fs::symlink(&elsewhere, out.join("en")).unwrap();
        Dir::open(t.path())
            .unwrap()
            .remove_tree(OsStr::new("out"))
            .unwrap();
        assert!(!out.exists());
        assert_eq!(fs::read(elsewhere.join("index.html")).unwrap(), b"precious");
    }
}
