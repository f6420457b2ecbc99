//! One module per command: gather the inputs, call the domain, show the result.

pub mod doctor;
pub mod env_push;
pub mod keys;
pub mod secret;
pub mod setup;
mod store;
mod target;
mod ui;

pub use ui::Ui;
