-- Profiles, query history, server settings and key/value metadata.
-- Timestamps are UTC ISO-8601 text with microseconds, so text order is time order.
-- Lists and JSON documents are JSON text.

CREATE TABLE profiles (
    user_id        INTEGER PRIMARY KEY,
    role           TEXT,
    years          INTEGER,
    level          TEXT,
    location       TEXT,
    industry       TEXT,
    education      TEXT,
    certifications TEXT NOT NULL DEFAULT '[]',
    skills         TEXT NOT NULL DEFAULT '[]',
    company_type   TEXT,
    currency       TEXT,
    private        INTEGER,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

-- No foreign key to profiles: users may ask questions without ever saving a profile.
CREATE TABLE history (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL,
    query      TEXT NOT NULL,
    headline   TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX history_by_user ON history (user_id, id);

CREATE TABLE guild_settings (
    guild_id           INTEGER PRIMARY KEY,
    public_answers     INTEGER NOT NULL DEFAULT 0,
    career_channel_id  INTEGER,
    community_features INTEGER NOT NULL DEFAULT 1,
    updated_at         TEXT NOT NULL
);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
