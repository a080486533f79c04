//! `embargo keys`: create, list and revoke API keys of the HTTP service. Only a key's SHA-256
//! is stored (in `<data-dir>/keys.sqlite`); the key is printed once, at creation.

use crate::args::{KeysAction, KeysArgs};
use embargo_server::keys::KeyStore;
use std::path::Path;
use std::process::ExitCode;

pub fn run(data_dir: &Path, args: KeysArgs) -> anyhow::Result<ExitCode> {
    let store = KeyStore::open(data_dir)?;
    match args.action {
        KeysAction::Create { name } => {
            let key = store.create(&name)?;
            println!("{key}");
            eprintln!(
                "API key {name:?} created. Store it now: it is not shown again; only its hash is kept."
            );
        }
        KeysAction::List { json } => {
            let keys = store.list()?;
            if json {
                for key in &keys {
                    println!("{}", serde_json::to_string(key)?);
                }
            } else {
                println!("{:<24} {:<14} {:<21} revoked", "name", "prefix", "created");
                for key in &keys {
                    println!(
                        "{:<24} {:<14} {:<21} {}",
                        key.name,
                        format!("{}…", key.prefix),
                        key.created_at,
                        key.revoked_at.as_deref().unwrap_or("-")
                    );
                }
            }
        }
        KeysAction::Revoke { name } => {
            store.revoke(&name)?;
            eprintln!("API key {name:?} revoked.");
        }
    }
    Ok(ExitCode::SUCCESS)
}
