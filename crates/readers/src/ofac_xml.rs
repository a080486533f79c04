//! (being written)

use crate::{Format, ListReader, Location, ReadError, ReadReport};
use embargo_model::Entity;
use std::path::PathBuf;

pub struct OfacXmlReader;

impl ListReader for OfacXmlReader {
    fn format(&self) -> Format {
        Format::OfacXml
    }

    fn read(&self, files: &[PathBuf], _sink: &mut dyn FnMut(Entity)) -> Result<ReadReport, ReadError> {
        let file = files.first().cloned().unwrap_or_default();
        Err(ReadError::new(&file, Location::File, "a supported file", "reader not written yet"))
    }
}
