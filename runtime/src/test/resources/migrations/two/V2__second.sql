-- a comment; with a semicolon
CREATE TABLE fixture_two (id INTEGER PRIMARY KEY, note VARCHAR(20) DEFAULT 'a;b');
INSERT INTO fixture_two (id) VALUES (1);
