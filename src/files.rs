//! Opening a file bilan is about to read as data (an input, a template, a file a
//! template reads): it must be a regular file. A named pipe, a device
//! (`/dev/zero`, `/dev/urandom`), a socket or a folder is refused before a single
//! byte is read, so that a build never blocks on a pipe nor reads without end.
//! A leaf: it knows nothing of diagnostics or messages.

use std::fs::File;
use std::io;
use std::path::Path;

/// What a path is when it is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Special {
    Folder,
    /// A named pipe (FIFO).
    Pipe,
    /// A character or block device (`/dev/zero`).
    Device,
    Socket,
    Other,
}

impl Special {
    /// A stable code for messages: `folder`, `pipe`, `device`, `socket`, `other`.
    pub fn code(self) -> &'static str {
        match self {
            Special::Folder => "folder",
            Special::Pipe => "pipe",
            Special::Device => "device",
            Special::Socket => "socket",
            Special::Other => "other",
        }
    }
}

/// The error [`open_regular`] returns (inside an [`io::Error`] of kind
/// `InvalidInput`) for a path that is not a regular file.
#[derive(Debug, Clone, Copy, thiserror::Error)]
#[error("not a regular file ({})", .0.code())]
pub struct NotRegular(pub Special);

/// The [`NotRegular`] inside `e`, if that is what it is.
pub fn not_regular(e: &io::Error) -> Option<Special> {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<NotRegular>())
        .map(|n| n.0)
}

/// What `file_type` is, if not a regular file.
pub fn special(file_type: std::fs::FileType) -> Option<Special> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some(Special::Folder);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some(Special::Pipe);
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return Some(Special::Device);
        }
        if file_type.is_socket() {
            return Some(Special::Socket);
        }
    }
    Some(Special::Other)
}

/// Opens `path` (following symbolic links) for reading if it is a regular file, else
/// an error holding [`NotRegular`]. The type is checked before opening, and again on
/// the open file: on Unix the file is opened non-blocking, so that a path swapped
/// for a pipe in between cannot block either.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let refuse = |kind| io::Error::new(io::ErrorKind::InvalidInput, NotRegular(kind));
    if let Some(kind) = special(std::fs::metadata(path)?.file_type()) {
        return Err(refuse(kind));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    let file = options.open(path)?;
    if let Some(kind) = special(file.metadata()?.file_type()) {
        return Err(refuse(kind));
    }
    Ok(file)
}

/// The whole of a regular file (see [`open_regular`]).
pub fn read_regular(path: &Path) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let mut file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_open() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "x").unwrap();
        assert_eq!(read_regular(&file).unwrap(), b"x");
        let folder = open_regular(dir.path()).unwrap_err();
        assert_eq!(not_regular(&folder), Some(Special::Folder));
        #[cfg(unix)]
        {
            let zero = open_regular(Path::new("/dev/zero")).unwrap_err();
            assert_eq!(not_regular(&zero), Some(Special::Device));
        }
        let missing = open_regular(&dir.path().join("none")).unwrap_err();
        assert_eq!(missing.kind(), io::ErrorKind::NotFound);
        assert_eq!(not_regular(&missing), None);
    }
}
