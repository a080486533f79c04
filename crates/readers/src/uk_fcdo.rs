//! (being written)

use crate::{Format, ListReader, Location, ReadError, ReadReport};
use embargo_model::Entity;
use std::path::PathBuf;

pub struct UkFcdoReader;
pub struct UkFcdoTablesReader;

impl ListReader for UkFcdoReader {
    fn format(&self) -> Format {
        Format::UkFcdo
    }

    fn read(&self, files: &[PathBuf], _sink: &mut dyn FnMut(Entity)) -> Result<ReadReport, ReadError> {
        let file = files.first().cloned().unwrap_or_default();
        Err(ReadError::new(&file, Location::File, "a supported file", "reader not written yet"))
    }
}

impl ListReader for UkFcdoTablesReader {
    fn format(&self) -> Format {
        Format::UkFcdoTables
    }

    fn read(&self, files: &[PathBuf], _sink: &mut dyn FnMut(Entity)) -> Result<ReadReport, ReadError> {
        let file = files.first().cloned().unwrap_or_default();
        Err(ReadError::new(&file, Location::File, "a supported file", "reader not written yet"))
    }
}
