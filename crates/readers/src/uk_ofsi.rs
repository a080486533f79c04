//! (being written)

use crate::{Format, ListReader, Location, ReadError, ReadReport};
use embargo_model::Entity;
use std::path::PathBuf;

pub struct UkOfsiReader {
    format: Format,
}

impl UkOfsiReader {
    pub fn csv() -> UkOfsiReader {
        UkOfsiReader { format: Format::UkOfsiCsv }
    }
    pub fn xlsx() -> UkOfsiReader {
        UkOfsiReader { format: Format::UkOfsiXlsx }
    }
}

impl ListReader for UkOfsiReader {
    fn format(&self) -> Format {
        self.format
    }

    fn read(&self, files: &[PathBuf], _sink: &mut dyn FnMut(Entity)) -> Result<ReadReport, ReadError> {
        let file = files.first().cloned().unwrap_or_default();
        Err(ReadError::new(&file, Location::File, "a supported file", "reader not written yet"))
    }
}
