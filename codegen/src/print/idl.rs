//! Placeholder.
use crate::model::Model;
/// One IDL file: a namespace and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdlFile { /// The namespace. 
pub namespace: String, /// The text.
pub text: String }
/// The model as IDL.
pub fn to_idl(_model: &Model) -> Vec<IdlFile> { Vec::new() }
