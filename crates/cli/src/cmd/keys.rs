//! `embargo keys`: create, list and revoke API keys of the HTTP service. Only a key's SHA-256
//! is stored (in `<data-dir>/keys.sqlite`); the key is printed once, at creation.

use crate::args::{KeysAction, KeysArgs};
use embargo_cases::SystemEvent;
use embargo_server::keys::{KeyStore, Roles};
use std::path::Path;
use std::process::ExitCode;

pub fn run(data_dir: &Path, args: KeysArgs) -> anyhow::Result<ExitCode> {
    let store = KeyStore::open(data_dir)?;
    match args.action {
        KeysAction::Create { name, role } => {
            let roles = Roles::parse(&role.join(","))?;
            let key = store.create(&name, roles)?;
            crate::load::audit(
                data_dir,
                vec![SystemEvent::ApiKeyCreated {
                    name: name.clone(),
                    roles: roles.iter().map(|r| r.as_str().to_owned()).collect(),
                }],
            )?;
            println!("{key}");
            eprintln!(
                "API key {name:?} ({roles}) created. Store it now: it is not shown again; only its hash is kept."
            );
        }
        KeysAction::List { json } => {
            let keys = store.list()?;
            if json {
                for key in &keys {
                    println!("{}", serde_json::to_string(key)?);
                }
            } else {
                println!("{:<24} {:<14} {:<28} {:<21} revoked", "name", "prefix", "roles", "created");
                for key in &keys {
                    println!(
                        "{:<24} {:<14} {:<28} {:<21} {}",
                        key.name,
                        format!("{}…", key.prefix),
                        key.roles,
                        key.created_at,
                        key.revoked_at.as_deref().unwrap_or("-")
                    );
                }
            }
        }
        KeysAction::Revoke { name } => {
            store.revoke(&name)?;
            crate::load::audit(data_dir, vec![SystemEvent::ApiKeyRevoked { name: name.clone() }])?;
            eprintln!("API key {name:?} revoked.");
        }
    }
    Ok(ExitCode::SUCCESS)
}
