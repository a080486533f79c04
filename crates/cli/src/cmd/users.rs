//! `embargo users`: create, list and remove users of the web page (`/ui/`). Users are kept in
//! the `users` table of `<data-dir>/keys.sqlite` beside the API keys, with an Argon2id hash of
//! the password; the creation is recorded in the audit log (without the hash).

use crate::args::{UsersAction, UsersArgs};
use embargo_cases::SystemEvent;
use embargo_server::keys::Roles;
use embargo_server::users::UserStore;
use std::io::BufRead;
use std::path::Path;
use std::process::ExitCode;

pub fn run(data_dir: &Path, args: UsersArgs) -> anyhow::Result<ExitCode> {
    let users = UserStore::open(data_dir)?;
    match args.action {
        UsersAction::Create { name, role, password_stdin } => {
            let roles = Roles::parse(&role.join(","))?;
            let (password, generated) = if password_stdin {
                let mut line = String::new();
                std::io::stdin().lock().read_line(&mut line)?;
                (line.trim_end_matches(['\r', '\n']).to_owned(), false)
            } else {
                (embargo_server::users::random_password()?, true)
            };
            users.create(&name, roles, &password)?;
            crate::load::audit(
                data_dir,
                vec![SystemEvent::UserCreated {
                    name: name.clone(),
                    roles: roles.iter().map(|r| r.as_str().to_owned()).collect(),
                }],
            )?;
            if generated {
                println!("{password}");
                eprintln!("User {name:?} ({roles}) created with the password above: it is not shown again.");
            } else {
                eprintln!("User {name:?} ({roles}) created.");
            }
        }
        UsersAction::List => {
            println!("{:<24} {:<28} created", "name", "roles");
            for user in users.list()? {
                println!("{:<24} {:<28} {}", user.name, user.roles, user.created_at);
            }
        }
        UsersAction::Remove { name } => {
            users.remove(&name)?;
            eprintln!("User {name:?} removed.");
        }
    }
    Ok(ExitCode::SUCCESS)
}
