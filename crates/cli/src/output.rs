//! Writing to the terminal: text built in a buffer and written to stdout at once, tolerating a
//! closed pipe.

/// `println!` into a `String` buffer, written out at once by [`write_stdout`].
macro_rules! outln {
    ($out:expr, $($arg:tt)*) => {{
        $out.push_str(&format!($($arg)*));
        $out.push('\n');
    }};
}
pub(crate) use outln;

/// Writes `text` to stdout. A closed pipe (`embargo lists | head`) is not an error: the reader
/// has all it wanted.
pub(crate) fn write_stdout(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::Error::new(e).context("cannot write to stdout"))
        }
        _ => Ok(()),
    }
}
