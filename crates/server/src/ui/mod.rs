//! The analysts' web page at `/ui/`: server-rendered HTML over the case store and the engine,
//! with a small static script (keyboard shortcuts) and no build step.
//!
//! | page | what | role |
//! |---|---|---|
//! | `GET /ui/` | the login form without a session; the review queue with one | review |
//! | `GET /ui/alerts/{id}` | the subject and the listed entities side by side, the explanation, the history, the decision form | review |
//! | `POST /ui/alerts/{id}/decide` | a decision (outcome, reason codes, comment) | review |
//! | `POST /ui/alerts/{id}/approve` | the second pair of eyes: approve or reject | approve |
//! | `GET /ui/screen`, `GET /ui/entity` | screen a name (with date of birth, country); look up an entity | screen |
//! | `GET /ui/lists` | versions, dates, freshness, the last diff | screen |
//! | `GET /ui/audit` | the audit log's verification | admin |
//!
//! Sessions: a login (an API key, or a user of `embargo users create`) makes a random session
//! token kept in server memory and sent as the cookie `embargo_session` (HttpOnly,
//! SameSite=Strict, Path=/ui, Secure behind TLS); a session expires after `session_ttl`
//! without a request, at logout, and when the key it was opened with is revoked. Every form
//! that changes something carries the session's CSRF token (the login form a token of its own
//! cookie); a POST without it, with another, or from another origin is refused with 403
//! `csrf_rejected`. Every page is sent with a strict Content-Security-Policy (no inline script
//! or style) and every value from outside is escaped ([`html::esc`]).

mod alert;
mod audit;
pub mod html;
mod lists;
mod queue;
mod screen;

use crate::error::ResponseCode;
use crate::keys::{Principal, Role, Roles};
use crate::state::AppState;
use crate::users::UserStore;
use axum::extract::{FromRequestParts, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Form, Router};
use embargo_errors::Code;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

pub use html::esc;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "embargo_session";
/// The login form's CSRF cookie.
pub const LOGIN_COOKIE: &str = "embargo_login";

/// How a session was opened.
#[derive(Clone)]
enum Source {
    /// With this API key (kept in memory to check at each request that it is still active).
    Key(String),
    /// As a user.
    User,
    /// Under `--no-auth`.
    Anonymous,
}

#[derive(Clone)]
struct Session {
    who: Principal,
    actor: String,
    csrf: String,
    source: Source,
    expires: Instant,
}

/// The web page's state: the open sessions.
#[derive(Default)]
pub struct UiState {
    sessions: Mutex<HashMap<String, Session>>,
    /// Failed logins by user name: (count, start of the window).
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

/// Failed logins of one user name allowed within [`FAILURE_WINDOW`]; then logins of that name
/// are refused (429) until the window ends, so passwords cannot be guessed at speed.
pub const MAX_FAILED_LOGINS: u32 = 5;
/// The window of [`MAX_FAILED_LOGINS`].
pub const FAILURE_WINDOW: std::time::Duration = std::time::Duration::from_secs(60);

impl UiState {
    fn sessions(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        self.sessions.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The number of sessions open (expired ones are dropped at each login).
    pub fn session_count(&self) -> usize {
        self.sessions().len()
    }

    /// Seconds until `user` may try again, when too many logins of that name failed lately.
    fn throttled(&self, user: &str, now: Instant) -> Option<u64> {
        let failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let (count, since) = failures.get(user)?;
        let ends = *since + FAILURE_WINDOW;
        (*count >= MAX_FAILED_LOGINS && ends > now).then(|| (ends - now).as_secs().max(1))
    }

    fn login_failed(&self, user: &str, now: Instant) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        failures.retain(|_, (_, since)| *since + FAILURE_WINDOW > now);
        let entry = failures.entry(user.to_owned()).or_insert((0, now));
        entry.0 += 1;
    }

    fn login_succeeded(&self, user: &str) {
        self.failures.lock().unwrap_or_else(|p| p.into_inner()).remove(user);
    }
}

/// The person behind a request with a live session.
#[derive(Clone)]
pub struct Current {
    /// Name and roles.
    pub who: Principal,
    /// As decisions record them: `user:alice`, `api:gateway`.
    pub actor: String,
    /// The session's CSRF token.
    pub csrf: String,
    token: String,
}

impl Current {
    /// 403 unless the session's roles allow `role`.
    pub fn require(&self, role: Role) -> Result<(), Box<Response>> {
        if self.who.roles.allows(role) {
            return Ok(());
        }
        Err(Box::new(error_page(
            Some(self),
            Code::Forbidden,
            &format!("This page needs the {} role; you have {}.", role.as_str(), self.who.roles),
        )))
    }
}

impl FromRequestParts<Arc<AppState>> for Current {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState>) -> Result<Current, Response> {
        let ui = parts.extensions.get::<Arc<UiState>>().cloned().expect("the UI layer adds its state");
        let expired = || Redirect::to("/ui/?expired=1").into_response();
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Err(Redirect::to("/ui/").into_response());
        };
        let now = Instant::now();
        let mut sessions = ui.sessions();
        let Some(session) = sessions.get_mut(token) else {
            return Err(expired());
        };
        let key_revoked = match &session.source {
            Source::Key(key) => state.keys.load().as_ref().is_none_or(|ring| ring.verify(key).is_none()),
            Source::User | Source::Anonymous => false,
        };
        if session.expires <= now || key_revoked {
            sessions.remove(token);
            return Err(expired());
        }
        session.expires = now + state.config.session_ttl;
        Ok(Current {
            who: session.who.clone(),
            actor: session.actor.clone(),
            csrf: session.csrf.clone(),
            token: token.to_owned(),
        })
    }
}

/// The value of cookie `name`.
fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn random_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the system random source");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares in time independent of where the strings differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A posted form: its fields in order (a field may repeat: reason codes).
#[derive(Debug, Default)]
pub struct FormData(Vec<(String, String)>);

impl FormData {
    /// The first value of `name`, trimmed; `None` when absent or empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }

    /// Every value of `name`.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
    }
}

impl<S: Send + Sync> axum::extract::FromRequest<S> for FormData {
    type Rejection = std::convert::Infallible;

    /// A body that is not a form reads as an empty form, which then fails the CSRF check
    /// (403), whatever its content type.
    async fn from_request(request: Request, state: &S) -> Result<FormData, Self::Rejection> {
        Ok(match Form::<Vec<(String, String)>>::from_request(request, state).await {
            Ok(Form(fields)) => FormData(fields),
            Err(_) => FormData::default(),
        })
    }
}

/// Whether a request came over TLS (directly configured, or said by a proxy).
fn secure(state: &AppState, headers: &HeaderMap) -> bool {
    state.config.secure_cookies
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|p| p.eq_ignore_ascii_case("https"))
}

/// A cookie for `/ui`: HttpOnly, SameSite=Strict, Secure over TLS. `max_age` `None` makes a
/// cookie of the browser session: the server's sessions expire by the server's clock, renewed
/// at each request, which a fixed Max-Age would contradict.
fn set_cookie(name: &str, value: &str, max_age: Option<u64>, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let max_age = max_age.map(|s| format!("; Max-Age={s}")).unwrap_or_default();
    HeaderValue::from_str(&format!("{name}={value}; Path=/ui; HttpOnly; SameSite=Strict{max_age}{secure}"))
        .expect("cookie values are hex")
}

/// Refuses (403 `csrf_rejected`) a form posted from another origin, or without the expected
/// token.
fn check_csrf(headers: &HeaderMap, form: &FormData, expected: Option<&str>) -> Result<(), Box<Response>> {
    let refuse = |why: &str| -> Box<Response> {
        let mut r = error_page(None, Code::CsrfRejected, why);
        r.extensions_mut().insert(ResponseCode(Code::CsrfRejected));
        Box::new(r)
    };
    if let (Some(origin), Some(host)) = (
        headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        headers.get(header::HOST).and_then(|v| v.to_str().ok()),
    ) {
        let origin_host = origin.split_once("://").map(|(_, h)| h).unwrap_or(origin);
        // Behind a proxy that rewrites Host, the public host is in X-Forwarded-Host.
        let forwarded = headers.get("x-forwarded-host").and_then(|v| v.to_str().ok()).map(str::trim);
        if origin != "null" && origin_host != host && Some(origin_host) != forwarded {
            return Err(refuse("The form was posted from another site; nothing was done."));
        }
    }
    match (form.get("csrf"), expected) {
        (Some(sent), Some(expected)) if same(sent, expected) => Ok(()),
        (None, _) => Err(refuse(
            "The form came without its CSRF token; nothing was done. Reload the page and try again.",
        )),
        _ => Err(refuse(
            "The form's CSRF token is not this session's; nothing was done. Reload the page and try again.",
        )),
    }
}

/// An HTML page for an error of `code`, with its status.
pub fn error_page(who: Option<&Current>, code: Code, message: &str) -> Response {
    let body = format!(
        "<h1>{}</h1><p class=\"error\" role=\"alert\">{}</p><p><small>code <code>{}</code></small></p>\
         <p><a href=\"/ui/\">Back to the queue</a></p>",
        esc(title_of(code)),
        esc(message),
        esc(code.as_str())
    );
    let status = StatusCode::from_u16(code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, axum::response::Html(html::page(title_of(code), who, &body))).into_response();
    response.extensions_mut().insert(ResponseCode(code));
    response
}

fn title_of(code: Code) -> &'static str {
    match code.http_status() {
        401 => "Not logged in",
        403 => "Refused",
        404 => "Not found",
        409 => "Changed meanwhile",
        422 | 400 => "Not accepted",
        503 => "Not ready",
        _ => "Error",
    }
}

/// An HTML page with status 200.
pub fn ok_page(title: &str, who: &Current, body: &str) -> Response {
    axum::response::Html(html::page(title, Some(who), body)).into_response()
}

/// Runs blocking work (SQLite, screening) off the async workers.
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, (Code, String)> + Send + 'static,
) -> Result<T, (Code, String)> {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|_| Err((Code::Internal, "the request failed; it was logged".to_owned())))
}

/// The web page's routes, to merge into the service (they authenticate by session, not key).
pub fn router(state: &Arc<AppState>) -> Router<Arc<AppState>> {
    let ui = Arc::new(UiState::default());
    Router::new()
        .route("/ui", get(|| async { Redirect::permanent("/ui/") }))
        .route("/ui/", get(home))
        .route("/ui/login", post(login))
        .route("/ui/logout", post(logout))
        .route("/ui/alerts/{id}", get(alert::show))
        .route("/ui/alerts/{id}/decide", post(alert::decide))
        .route("/ui/alerts/{id}/approve", post(alert::approve))
        .route("/ui/screen", get(screen::screen))
        .route("/ui/entity", get(screen::entity))
        .route("/ui/lists", get(lists::lists))
        .route("/ui/audit", get(audit::audit))
        .route("/ui/static/app.css", get(css))
        .route("/ui/static/app.js", get(js))
        .layer(middleware::from_fn_with_state(state.clone(), headers))
        .layer(Extension(ui))
}

/// Headers of every page: no caching, no framing, no inline script, no sniffing.
async fn headers(State(_state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; \
             form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

async fn css() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "max-age=300")],
        include_str!("static/app.css"),
    )
        .into_response()
}

async fn js() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "max-age=300")],
        include_str!("static/app.js"),
    )
        .into_response()
}

/// `/ui/`: the queue with a session, the login form without one.
async fn home(
    state: State<Arc<AppState>>,
    current: Result<Current, Response>,
    headers: HeaderMap,
    query: Query<HashMap<String, String>>,
) -> Response {
    match current {
        // Someone who may screen but not review starts on the screen page.
        Ok(current) if !current.who.roles.allows(Role::Review) && current.who.roles.allows(Role::Screen) => {
            Redirect::to("/ui/screen").into_response()
        }
        Ok(current) => queue::queue(state, current, query).await,
        Err(_) => login_form(&state, &headers, query.get("expired").is_some(), None, StatusCode::OK),
    }
}

fn login_form(
    state: &AppState,
    headers: &HeaderMap,
    expired: bool,
    error: Option<&str>,
    status: StatusCode,
) -> Response {
    // The token of the login cookie the browser has, if any, so that two tabs showing the
    // form both work; a new one otherwise.
    let token = cookie(headers, LOGIN_COOKIE)
        .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_owned)
        .unwrap_or_else(random_token);
    let mut body = String::from("<h1>Log in</h1>");
    if expired {
        body.push_str("<p class=\"notice\" role=\"status\">Your session has expired. Log in again.</p>");
    }
    if let Some(error) = error {
        body.push_str(&format!("<p class=\"error\" role=\"alert\">{}</p>", esc(error)));
    }
    let anonymous = !state.config.require_auth;
    body.push_str(&format!(
        "<form method=\"post\" action=\"/ui/login\" class=\"login\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{token}\">\
         <fieldset><legend>As a user</legend>\
         <label for=\"user\">User name</label><input id=\"user\" name=\"user\" autocomplete=\"username\" autofocus>\
         <label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\">\
         </fieldset>\
         <fieldset><legend>Or with an API key</legend>\
         <label for=\"key\">API key</label><input id=\"key\" name=\"key\" type=\"password\" autocomplete=\"off\" placeholder=\"emb_…\">\
         </fieldset>{}\
         <button type=\"submit\">Log in</button></form>",
        if anonymous { "<p class=\"notice\">Authentication is off (--no-auth): log in with empty fields.</p>" } else { "" }
    ));
    let mut response = (status, axum::response::Html(html::page("Log in", None, &body))).into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, set_cookie(LOGIN_COOKIE, &token, Some(3600), secure(state, headers)));
    response
}

async fn login(
    State(state): State<Arc<AppState>>,
    Extension(ui): Extension<Arc<UiState>>,
    headers: HeaderMap,
    form: FormData,
) -> Response {
    if let Err(refused) = check_csrf(&headers, &form, cookie(&headers, LOGIN_COOKIE)) {
        return *refused;
    }
    let failed = |message: &str| {
        let mut r = login_form(&state, &headers, false, Some(message), StatusCode::UNAUTHORIZED);
        r.extensions_mut().insert(ResponseCode(Code::InvalidLogin));
        r
    };
    let (who, actor, source) = if !state.config.require_auth {
        (
            Principal { name: Arc::from("anonymous"), roles: Roles::of(&[Role::Admin]) },
            "anonymous".to_owned(),
            Source::Anonymous,
        )
    } else if let Some(key) = form.get("key") {
        let Some(ring) = state.keys.load_full() else {
            return error_page(
                None,
                Code::KeysUnavailable,
                "The key database cannot be read; try again later.",
            );
        };
        match ring.verify(key) {
            Some(p) => {
                let actor = format!("api:{}", p.name);
                (p, actor, Source::Key(key.to_owned()))
            }
            None => return failed("That API key is not valid (unknown or revoked)."),
        }
    } else {
        let (Some(user), Some(password)) =
            (form.get("user").map(str::to_owned), form.get("password").map(str::to_owned))
        else {
            return failed("Give a user name and password, or an API key.");
        };
        if let Some(retry) = ui.throttled(&user, Instant::now()) {
            let mut r = error_page(
                None,
                Code::RateLimited,
                &format!("Too many failed logins as {user:?}; try again in {retry} s."),
            );
            r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry));
            return r;
        }
        let data_dir = state.config.data_dir.clone();
        let name = user.clone();
        let verified = blocking(move || {
            UserStore::open(&data_dir)
                .and_then(|users| users.verify(&user, &password))
                .map_err(|e| (embargo_errors::ErrorCode::error_code(&e), e.to_string()))
        })
        .await;
        match verified {
            Ok(Some(p)) => {
                ui.login_succeeded(&name);
                let actor = format!("user:{}", p.name);
                (p, actor, Source::User)
            }
            Ok(None) => {
                ui.login_failed(&name, Instant::now());
                return failed("Unknown user or wrong password.");
            }
            Err((code, message)) => return error_page(None, code, &message),
        }
    };
    let token = random_token();
    let now = Instant::now();
    {
        let mut sessions = ui.sessions();
        sessions.retain(|_, s| s.expires > now);
        sessions.insert(
            token.clone(),
            Session { who, actor, csrf: random_token(), source, expires: now + state.config.session_ttl },
        );
    }
    let mut response = Redirect::to("/ui/").into_response();
    let secure = secure(&state, &headers);
    let h = response.headers_mut();
    h.append(header::SET_COOKIE, set_cookie(SESSION_COOKIE, &token, None, secure));
    h.append(header::SET_COOKIE, set_cookie(LOGIN_COOKIE, "", Some(0), secure));
    response
}

async fn logout(
    State(state): State<Arc<AppState>>,
    Extension(ui): Extension<Arc<UiState>>,
    current: Current,
    headers: HeaderMap,
    form: FormData,
) -> Response {
    if let Err(refused) = check_csrf(&headers, &form, Some(&current.csrf)) {
        return *refused;
    }
    ui.sessions().remove(&current.token);
    let mut response = Redirect::to("/ui/").into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, set_cookie(SESSION_COOKIE, "", Some(0), secure(&state, &headers)));
    response
}

/// Checks a session's form: its CSRF token (403 otherwise).
pub fn check_form(current: &Current, headers: &HeaderMap, form: &FormData) -> Result<(), Box<Response>> {
    check_csrf(headers, form, Some(&current.csrf))
}
