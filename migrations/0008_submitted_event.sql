-- An application's submission is the application row itself: applying writes no event (one
-- INSERT is the whole change), and the "submitted" entry of its history is derived from
-- `created_at`. Rows written before are dropped so that it is not listed twice.
DELETE FROM application_events WHERE status = 'submitted';
