-- Whether the person works fully remote: part of the profile like role and location.
ALTER TABLE profiles ADD COLUMN remote INTEGER;
