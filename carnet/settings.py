"""Carnet's one settings module, driven by environment variables.

DATABASE_URL selects the database (PostgreSQL in production); without it Carnet
uses an embedded SQLite database under var/ in WAL mode.
"""

import datetime
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CARNET_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("CARNET_DEBUG", False)


def _secret_key() -> str:
    """CARNET_SECRET_KEY, or a random key kept in var/ so a single-machine install is safe."""
    if key := os.environ.get("CARNET_SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        import secrets

        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("CARNET_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CARNET_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "carnet.access.apps.CarnetAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "template_partials",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "carnet.access",
    "carnet.organisations",
    "carnet.referentials",
    "carnet.youths",
    "carnet.activity",
    "carnet.reports",
    "carnet.facts",
    "carnet.imports",
    "carnet.demo",
    "carnet.dashboard",
    "carnet.operations",
    "carnet.privacy",
    "carnet.offline",
    "carnet.agenda",
    "carnet.onboarding",
    "carnet.kept_reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "carnet.routing.ReplicaMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "carnet.access.middleware.TwoFactorMiddleware",
    "carnet.access.middleware.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "carnet.privacy.middleware.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "carnet.urls"
WSGI_APPLICATION = "carnet.wsgi.application"
ASGI_APPLICATION = "carnet.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "carnet" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "carnet.access.context_processors.capabilities",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
SQLITE_PATH = VAR_DIR / "carnet.sqlite3"
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    PG_OPTIONS = "-c jit=off -c random_page_cost=1.1"
    if DATABASES["default"]["ENGINE"].endswith("postgresql"):
        # The report's correlated subqueries look expensive to the planner, which then spends
        # far longer JIT-compiling them than running them (bench/results.md): JIT stays off.
        # Carnet's tables fit in memory (or on SSD): an index read costs about a sequential one,
        # and the default random_page_cost of 4 (spinning disks) made a team report scan every
        # team's accompaniment periods instead of reading its own through the youth index.
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = PG_OPTIONS
    # A PostgreSQL streaming replica (hot standby): report and list reads in requests go there,
    # writes and the reads that follow them go to the primary (carnet/routing.py).
    if DATABASE_REPLICA_URL := os.environ.get("DATABASE_REPLICA_URL", ""):
        DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=60)
        DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
        if DATABASES["replica"]["ENGINE"].endswith("postgresql"):
            DATABASES["replica"].setdefault("OPTIONS", {})["options"] = PG_OPTIONS
        DATABASE_ROUTERS = ["carnet.routing.ReplicaRouter"]
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": {
                # WAL lets the task worker write while the server reads; the
                # statements run on every new connection.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;"
                ),
                "transaction_mode": "IMMEDIATE",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "access.User"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Authentication -------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes guards every sign-in path (Carnet's page, the admin's, any later one): five
# failures of one account from one address lock that pair for 15 minutes. Per pair, so that
# an attacker cannot lock a colleague out, nor one proxy's address lock everyone.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "carnet.access.client_address.client_address"
AXES_LOCKOUT_TEMPLATE = "access/locked_out.html"
AXES_VERBOSE = False  # every attempt is already in the audit log
# Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated).
CARNET_TRUSTED_PROXIES = env_list("CARNET_TRUSTED_PROXIES")
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- Internationalisation ---------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "carnet" / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# --- Static files ------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# Front-end libraries come from npm (package.json), installed by make into node_modules/.
STATICFILES_DIRS = [
    BASE_DIR / "carnet" / "static",
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    # Workbox and idb, assembled from node_modules by scripts/build_offline.mjs.
    ("vendor/offline", BASE_DIR / "build" / "offline"),
]
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Security ------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Sessions end after this long without activity (each request renews them).
SESSION_COOKIE_AGE = int(os.environ.get("CARNET_SESSION_SECONDS", 2 * 3600))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
HTTPS = env_bool("CARNET_HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CARNET_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint narrates every step of a PDF at INFO, and fontTools its subsetting.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # django-axes reports each reset at INFO; attempts and lockouts are in the audit log.
        "axes": {"level": "WARNING"},
    },
}

# --- Carnet's own settings -------------------------------------------------------------
# Cells of a report leaving the team that count fewer people than this are hidden.
CARNET_SMALL_COUNT_THRESHOLD = int(os.environ.get("CARNET_SMALL_COUNT_THRESHOLD", 3))
# The Word template of the DOCX report; an association can point this at its own.
CARNET_DOCX_TEMPLATE = os.environ.get("CARNET_DOCX_TEMPLATE") or None
# CNIL 2022-008: the active base keeps a youth at most this long after the last contact.
CARNET_RETENTION_ACTIVE_DAYS = int(os.environ.get("CARNET_RETENTION_ACTIVE_DAYS", 730))
# Then the restricted archive keeps the file this long before it is anonymised.
CARNET_RETENTION_ARCHIVE_DAYS = int(os.environ.get("CARNET_RETENTION_ARCHIVE_DAYS", 1095))
# The phone forgets the youths it keeps for entries without network after this many days
# without reaching the server (carnet/offline).
CARNET_OFFLINE_DAYS = int(os.environ.get("CARNET_OFFLINE_DAYS", 7))

# --- Invitations (carnet/onboarding) ---------------------------------------------------
# The address links are built on, for invitations made from the command line.
CARNET_BASE_URL = os.environ.get("CARNET_BASE_URL", "")
# No mail server is assumed: invitation links are shown to the administrator to pass on,
# and mailed as well once CARNET_EMAIL_HOST names a server.
EMAIL_HOST = os.environ.get("CARNET_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("CARNET_EMAIL_PORT", 587))
EMAIL_HOST_USER = os.environ.get("CARNET_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("CARNET_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("CARNET_EMAIL_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("CARNET_EMAIL_FROM", "carnet@localhost")
CARNET_INVITATIONS_BY_MAIL = bool(EMAIL_HOST)
