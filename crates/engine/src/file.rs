//! The snapshot file: a [`Snapshot`]'s list versions and entities in one portable file that any
//! process opens without the SQLite store (`embargo snapshot export`, `--snapshot PATH`, the
//! Python package and Spark executors).
//!
//! # Layout (format version 1)
//!
//! ```text
//! offset  size  what
//!      0     8  magic bytes "EMBSNAP\0"
//!      8     4  format version, u32 little-endian
//!     12     4  reserved, zero
//!     16     8  content length in bytes, u64 LE (the file is 32 bytes longer)
//!     24     8  XXH3-64 of the content, u64 LE
//!     32     -  content:
//!                 8  length of the metadata, u64 LE
//!                 -  metadata: JSON {"written_by", "lists": [ListVersion...], "entities", "chunks": [{offset, len, count}]}
//!                 -  entity chunks, end to end: each `count` entities in MessagePack (named fields)
//! ```
//!
//! Entities are MessagePack with field names because the model's serde attributes skip empty
//! fields (`skip_serializing_if`), which only self-describing formats read back; postcard or
//! bincode would misread them. They are cut into chunks so that opening decodes them on every
//! core. The checksum is XXH3 rather than sha256: it guards against truncation and corruption
//! (the lists' own sha256 are in the metadata), and checking 40 MB costs milliseconds, not a
//! tenth of the one-second budget of opening.
//!
//! A file is written to a temporary file beside the target, synced, then renamed over it, so a
//! reader (or a kill) never sees a half-written snapshot. Opening maps the file read-only
//! (`memmap2`): the bytes are read straight from the page cache that every process on the machine
//! shares, with no copy, then decoded and indexed with [`Snapshot::from_entities`].
//!
//! ```no_run
//! use embargo_engine::Snapshot;
//! # fn demo(snapshot: &Snapshot) -> Result<(), embargo_engine::SnapshotFileError> {
//! let written = snapshot.write_file("lists.embargo".as_ref())?;
//! println!("{} entities, {} bytes", written.entities, written.bytes);
//! let opened = Snapshot::open_file("lists.embargo".as_ref())?;
//! assert_eq!(opened.labels(), snapshot.labels());
//! # Ok(()) }
//! ```

use crate::Snapshot;
use embargo_errors::{Code, ErrorCode};
use embargo_model::Entity;
use embargo_store::ListVersion;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The first eight bytes of every snapshot file.
pub const MAGIC: [u8; 8] = *b"EMBSNAP\0";

/// The format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// Magic, version, reserved, content length, checksum.
const HEADER_LEN: usize = 32;

/// Entities per chunk: enough chunks for every core to decode some, few enough that the
/// chunk table stays small.
const CHUNK_ENTITIES: usize = 2048;

/// A snapshot file that cannot be written or read, with a stable code.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotFileError {
    /// The file cannot be opened, read or written.
    #[error("{path}: {error}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        error: std::io::Error,
    },
    /// The file does not start with the snapshot magic bytes.
    #[error("{path}: not an embargo snapshot file (it does not start with the snapshot magic bytes); write one with `embargo snapshot export`")]
    NotASnapshot {
        /// The file.
        path: PathBuf,
    },
    /// The file was written in another format version.
    #[error("{path}: snapshot file format version {found}, but this embargo reads version {supported}; export the snapshot again with this embargo")]
    Version {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        found: u32,
        /// The version this build reads.
        supported: u32,
    },
    /// The file is shorter or longer than its header says.
    #[error("{path}: truncated or padded snapshot file: the header announces {expected} bytes, the file has {actual}")]
    Length {
        /// The file.
        path: PathBuf,
        /// The length the header announces.
        expected: u64,
        /// The file's length.
        actual: u64,
    },
    /// The content does not match its checksum.
    #[error("{path}: corrupt snapshot file: the content checksum is {actual:016x}, the header says {expected:016x}")]
    Checksum {
        /// The file.
        path: PathBuf,
        /// The checksum in the header.
        expected: u64,
        /// The checksum of the content read.
        actual: u64,
    },
    /// The content passed its checksum but cannot be decoded (a bug, or a forged file).
    #[error("{path}: corrupt snapshot file: {message}")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What could not be decoded, and where.
        message: String,
    },
}

impl ErrorCode for SnapshotFileError {
    fn error_code(&self) -> Code {
        match self {
            SnapshotFileError::Io { .. } => Code::Io,
            SnapshotFileError::Version { .. } => Code::SnapshotFileVersion,
            SnapshotFileError::NotASnapshot { .. }
            | SnapshotFileError::Length { .. }
            | SnapshotFileError::Checksum { .. }
            | SnapshotFileError::Corrupt { .. } => Code::SnapshotFileCorrupt,
        }
    }
}

/// What a written snapshot file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SnapshotFileSummary {
    /// Where it was written.
    pub path: PathBuf,
    /// `list@version` of every version in it.
    pub lists: Vec<String>,
    /// The number of entities.
    pub entities: usize,
    /// The file's size.
    pub bytes: u64,
    /// XXH3-64 of the content, hex (as the header holds it).
    pub checksum: String,
}

/// The metadata section.
#[derive(Serialize, Deserialize)]
struct Meta {
    /// `embargo-engine` and its version, for people reading the file.
    written_by: String,
    lists: Vec<ListVersion>,
    entities: u64,
    chunks: Vec<Chunk>,
}

/// One run of entities in the data area (offsets relative to its start).
#[derive(Serialize, Deserialize)]
struct Chunk {
    offset: u64,
    len: u64,
    count: u64,
}

impl Snapshot {
    /// Writes this snapshot's list versions and entities to `path`, atomically: a temporary
    /// file beside it is written, synced and renamed over `path`.
    pub fn write_file(&self, path: &Path) -> Result<SnapshotFileSummary, SnapshotFileError> {
        let io = |error: std::io::Error| SnapshotFileError::Io { path: path.to_owned(), error };
        let (meta, data) = encode(self);
        let meta_json = serde_json::to_vec(&meta).expect("list versions serialise");
        let mut content = Vec::with_capacity(8 + meta_json.len() + data.len());
        content.extend_from_slice(&(meta_json.len() as u64).to_le_bytes());
        content.extend_from_slice(&meta_json);
        content.extend_from_slice(&data);
        let checksum = xxhash_rust::xxh3::xxh3_64(&content);

        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let mut tmp = tempfile::Builder::new().prefix(".embargo-snapshot-").tempfile_in(dir).map_err(io)?;
        let file = tmp.as_file_mut();
        file.write_all(&header(content.len() as u64, checksum)).map_err(io)?;
        file.write_all(&content).map_err(io)?;
        file.sync_all().map_err(io)?;
        tmp.persist(path).map_err(|e| io(e.error))?;
        // The rename is durable only once the directory is synced.
        std::fs::File::open(dir).and_then(|d| d.sync_all()).map_err(io)?;
        Ok(SnapshotFileSummary {
            path: path.to_owned(),
            lists: self.labels(),
            entities: meta.entities as usize,
            bytes: (HEADER_LEN + content.len()) as u64,
            checksum: format!("{checksum:016x}"),
        })
    }

    /// Opens a snapshot file written by [`Snapshot::write_file`]: checks its magic bytes,
    /// format version, length and checksum, decodes the entities and builds the indexes.
    pub fn open_file(path: &Path) -> Result<Snapshot, SnapshotFileError> {
        let started = Instant::now();
        let file = SnapshotFile::open(path)?;
        let entities = file.entities()?;
        let mut snapshot = Snapshot::from_entities(entities, file.lists);
        snapshot.load_time = started.elapsed();
        Ok(snapshot)
    }
}

/// A snapshot file opened and checked, its entities not yet decoded: the first half of
/// [`Snapshot::open_file`], apart so that benchmarks can time decoding and indexing apart.
pub struct SnapshotFile {
    path: PathBuf,
    map: memmap2::Mmap,
    chunks: Vec<Chunk>,
    /// Where the entity chunks start in the map.
    data_start: usize,
    entity_count: usize,
    /// The list versions the file holds, in list order.
    pub lists: Vec<ListVersion>,
}

impl SnapshotFile {
    /// Maps `path` and checks its header, length and checksum, and reads its metadata.
    pub fn open(path: &Path) -> Result<SnapshotFile, SnapshotFileError> {
        let io = |error: std::io::Error| SnapshotFileError::Io { path: path.to_owned(), error };
        let corrupt = |message: String| SnapshotFileError::Corrupt { path: path.to_owned(), message };
        let file = std::fs::File::open(path).map_err(io)?;
        // SAFETY: the map is read-only and lives as long as `SnapshotFile`. Snapshot files are
        // only ever replaced by a rename (`write_file`), never written in place, so the mapped
        // bytes do not change under us; the checksum below catches a file that was damaged
        // before it was opened.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(io)?;
        let bytes: &[u8] = &map;
        if bytes.len() < MAGIC.len() || bytes[..MAGIC.len()] != MAGIC {
            return Err(SnapshotFileError::NotASnapshot { path: path.to_owned() });
        }
        if bytes.len() < HEADER_LEN {
            return Err(SnapshotFileError::Length {
                path: path.to_owned(),
                expected: HEADER_LEN as u64,
                actual: bytes.len() as u64,
            });
        }
        let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
        if version != FORMAT_VERSION {
            return Err(SnapshotFileError::Version {
                path: path.to_owned(),
                found: version,
                supported: FORMAT_VERSION,
            });
        }
        let content_len = u64::from_le_bytes(bytes[16..24].try_into().expect("8 bytes"));
        let expected = u64::from_le_bytes(bytes[24..32].try_into().expect("8 bytes"));
        let actual_len = bytes.len() as u64;
        if content_len.checked_add(HEADER_LEN as u64) != Some(actual_len) {
            return Err(SnapshotFileError::Length {
                path: path.to_owned(),
                expected: content_len.saturating_add(HEADER_LEN as u64),
                actual: actual_len,
            });
        }
        let content = &bytes[HEADER_LEN..];
        let actual = xxhash_rust::xxh3::xxh3_64(content);
        if actual != expected {
            return Err(SnapshotFileError::Checksum { path: path.to_owned(), expected, actual });
        }
        let meta_len = content
            .get(..8)
            .map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")))
            .ok_or_else(|| corrupt("no metadata length".into()))?;
        let meta_end = usize::try_from(meta_len)
            .ok()
            .and_then(|len| len.checked_add(8))
            .filter(|end| *end <= content.len())
            .ok_or_else(|| corrupt(format!("metadata of {meta_len} bytes runs past the end")))?;
        let meta: Meta =
            serde_json::from_slice(&content[8..meta_end]).map_err(|e| corrupt(format!("metadata: {e}")))?;
        let data_start = HEADER_LEN + meta_end;
        let data_len = (bytes.len() - data_start) as u64;
        let mut counted = 0u64;
        for (i, chunk) in meta.chunks.iter().enumerate() {
            if chunk.offset.checked_add(chunk.len).is_none_or(|end| end > data_len) {
                return Err(corrupt(format!("entity chunk {i} runs past the end of the file")));
            }
            counted += chunk.count;
        }
        if counted != meta.entities {
            return Err(corrupt(format!(
                "the chunks hold {counted} entities, the metadata says {}",
                meta.entities
            )));
        }
        Ok(SnapshotFile {
            path: path.to_owned(),
            map,
            chunks: meta.chunks,
            data_start,
            entity_count: meta.entities as usize,
            lists: meta.lists,
        })
    }

    /// The number of entities in the file.
    pub fn entity_count(&self) -> usize {
        self.entity_count
    }

    /// Decodes every entity, in the order they were written, spreading the chunks over the
    /// cores.
    pub fn entities(&self) -> Result<Vec<Entity>, SnapshotFileError> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
        let per_thread = self.chunks.len().div_ceil(threads).max(1);
        let indexed: Vec<(usize, &Chunk)> = self.chunks.iter().enumerate().collect();
        let parts: Vec<Result<Vec<Entity>, SnapshotFileError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = indexed
                .chunks(per_thread)
                .map(|part| {
                    scope.spawn(move || {
                        let mut out = Vec::new();
                        for (i, chunk) in part {
                            self.decode_chunk(*i, chunk, &mut out)?;
                        }
                        Ok(out)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().expect("a decoding thread panicked")).collect()
        });
        let mut entities = Vec::with_capacity(self.entity_count);
        for part in parts {
            entities.extend(part?);
        }
        Ok(entities)
    }

    fn decode_chunk(&self, i: usize, chunk: &Chunk, out: &mut Vec<Entity>) -> Result<(), SnapshotFileError> {
        // Bounds were checked against the file's length in `open`.
        let start = self.data_start + chunk.offset as usize;
        let bytes = &self.map[start..start + chunk.len as usize];
        let mut de = rmp_serde::Deserializer::new(bytes);
        for n in 0..chunk.count {
            let entity = Entity::deserialize(&mut de).map_err(|e| SnapshotFileError::Corrupt {
                path: self.path.clone(),
                message: format!("entity {n} of chunk {i}: {e}"),
            })?;
            out.push(entity);
        }
        Ok(())
    }
}

fn header(content_len: u64, checksum: u64) -> [u8; HEADER_LEN] {
    let mut h = [0u8; HEADER_LEN];
    h[..8].copy_from_slice(&MAGIC);
    h[8..12].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
    h[16..24].copy_from_slice(&content_len.to_le_bytes());
    h[24..32].copy_from_slice(&checksum.to_le_bytes());
    h
}

/// The metadata and the entity chunks of `snapshot`.
fn encode(snapshot: &Snapshot) -> (Meta, Vec<u8>) {
    let entities = snapshot.index().entities();
    let mut data = Vec::new();
    let mut chunks = Vec::new();
    for part in entities.chunks(CHUNK_ENTITIES) {
        let offset = data.len() as u64;
        for entity in part {
            entity
                .serialize(&mut rmp_serde::Serializer::new(&mut data).with_struct_map())
                .expect("entities serialise to a vector");
        }
        chunks.push(Chunk { offset, len: data.len() as u64 - offset, count: part.len() as u64 });
    }
    let meta = Meta {
        written_by: concat!("embargo-engine ", env!("CARGO_PKG_VERSION")).to_owned(),
        lists: snapshot.lists().to_vec(),
        entities: entities.len() as u64,
        chunks,
    };
    (meta, data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::version;
    use embargo_matcher::{Query, ScreenOptions};
    use embargo_testkit::{organization, person, TempDataDir};

    fn snapshot() -> Snapshot {
        let mut aghajani =
            person("un", "IRi.003", "Saeed AGHAJANI").alias("Aqa Jani").dob("1964").country("IR").build();
        aghajani.provenance.list_version = "2".into();
        let alabuga = organization("un", "X.1", "AO OEZ PPT ALABUGA").build();
        Snapshot::from_entities(vec![aghajani, alabuga], vec![version("un", 2)])
    }

    fn written(dir: &TempDataDir) -> PathBuf {
        let path = dir.path().join("lists.embargo");
        snapshot().write_file(&path).unwrap();
        path
    }

    #[test]
    fn a_written_file_opens_with_the_same_lists_entities_and_hits() {
        let dir = TempDataDir::new();
        let path = dir.path().join("lists.embargo");
        let original = snapshot();
        let summary = original.write_file(&path).unwrap();
        assert_eq!(summary.lists, ["un@2"]);
        assert_eq!(summary.entities, 2);
        assert_eq!(summary.bytes, std::fs::metadata(&path).unwrap().len());
        let opened = Snapshot::open_file(&path).unwrap();
        assert_eq!(opened.lists(), original.lists());
        let entities = |s: &Snapshot| s.index().entities().iter().map(|e| (**e).clone()).collect::<Vec<_>>();
        assert_eq!(entities(&opened), entities(&original));
        let query = Query::name("Saeed Aghajany");
        let hits = opened.screen(&query, &ScreenOptions::default()).unwrap();
        assert_eq!(hits[0].entity.id, "un:IRi.003");
        assert_eq!(hits[0].score, original.screen(&query, &ScreenOptions::default()).unwrap()[0].score);
        assert_eq!(opened.version_label_of(&hits[0].entity), "2");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, ["lists.embargo"], "no temporary file is left behind");
    }

    #[test]
    fn a_file_that_is_no_snapshot_is_refused() {
        let dir = TempDataDir::new();
        let path = dir.write("SDN.CSV", "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\"\n");
        let err = Snapshot::open_file(&path).err().unwrap();
        assert_eq!(err.error_code(), Code::SnapshotFileCorrupt);
        assert!(err.to_string().contains("not an embargo snapshot file"), "{err}");
        assert!(err.to_string().contains("SDN.CSV"), "{err}");
        let empty = dir.write("empty", "");
        assert_eq!(Snapshot::open_file(&empty).err().unwrap().error_code(), Code::SnapshotFileCorrupt);
    }

    #[test]
    fn a_file_of_another_format_version_is_refused_with_its_version() {
        let dir = TempDataDir::new();
        let path = written(&dir);
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[8..12].copy_from_slice(&2u32.to_le_bytes());
        std::fs::write(&path, &bytes).unwrap();
        let err = Snapshot::open_file(&path).err().unwrap();
        assert_eq!(err.error_code(), Code::SnapshotFileVersion);
        assert!(err.to_string().contains("format version 2, but this embargo reads version 1"), "{err}");
    }

    #[test]
    fn a_truncated_file_is_refused_at_every_length() {
        let dir = TempDataDir::new();
        let path = written(&dir);
        let bytes = std::fs::read(&path).unwrap();
        let cut = dir.path().join("cut.embargo");
        for len in [8, 20, HEADER_LEN, HEADER_LEN + 5, bytes.len() / 2, bytes.len() - 1] {
            std::fs::write(&cut, &bytes[..len]).unwrap();
            let err = Snapshot::open_file(&cut).err().unwrap();
            assert_eq!(err.error_code(), Code::SnapshotFileCorrupt, "cut at {len}: {err}");
            assert!(err.to_string().contains("truncated"), "cut at {len}: {err}");
        }
    }

    #[test]
    fn a_flipped_byte_fails_the_checksum() {
        let dir = TempDataDir::new();
        let path = written(&dir);
        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 3;
        bytes[last] ^= 0x40;
        std::fs::write(&path, &bytes).unwrap();
        let err = Snapshot::open_file(&path).err().unwrap();
        assert_eq!(err.error_code(), Code::SnapshotFileCorrupt);
        assert!(err.to_string().contains("checksum"), "{err}");
    }

    #[test]
    fn content_that_passes_the_checksum_but_does_not_decode_is_corrupt_not_a_panic() {
        let dir = TempDataDir::new();
        let path = written(&dir);
        let bytes = std::fs::read(&path).unwrap();
        // Garbage where the entities are, with a checksum that fits it.
        let mut content = bytes[HEADER_LEN..].to_vec();
        let n = content.len();
        content[n - 40..].fill(0xc1);
        let mut forged = header(content.len() as u64, xxhash_rust::xxh3::xxh3_64(&content)).to_vec();
        forged.extend_from_slice(&content);
        std::fs::write(&path, &forged).unwrap();
        let err = Snapshot::open_file(&path).err().unwrap();
        assert_eq!(err.error_code(), Code::SnapshotFileCorrupt);
        assert!(err.to_string().contains("of chunk 0"), "{err}");
    }

    #[test]
    fn rewriting_replaces_the_file_whole_while_a_reader_keeps_the_old_one() {
        let dir = TempDataDir::new();
        let path = written(&dir);
        let before = SnapshotFile::open(&path).unwrap();
        let e = person("uk-ofsi", "1", "Ivan PETROV").build();
        Snapshot::from_entities(vec![e], vec![version("uk-ofsi", 7)]).write_file(&path).unwrap();
        assert_eq!(before.entities().unwrap().len(), 2, "the open file still reads as it was");
        let after = Snapshot::open_file(&path).unwrap();
        assert_eq!(after.labels(), ["uk-ofsi@7"]);
    }

    #[test]
    fn a_missing_file_names_its_path() {
        let err = Snapshot::open_file(Path::new("/nonexistent/lists.embargo")).err().unwrap();
        assert_eq!(err.error_code(), Code::Io);
        assert!(err.to_string().starts_with("/nonexistent/lists.embargo: "), "{err}");
    }
}
