"""The toolkit every event type's extractor shares: the sentence view and candidates (view), the parse
(syntax), whether a trigger happened (modality) and which states the people in it stand for (parties)."""
