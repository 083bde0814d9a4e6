//! Reader stub.
use super::{Document, ReadError};

pub fn read(_bytes: &[u8]) -> Result<Document, ReadError> {
    Err(ReadError::Empty)
}
