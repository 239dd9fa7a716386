-- A recruiter's applicant list is ordered by (created_at, id) or (updated_at, id) within one
-- post. With the id in the index the first page is read in index order; without it, every row
-- of the newest second (thousands when a popular post fills quickly) was read and sorted with
-- its snapshot for each page.
DROP INDEX applications_job;
DROP INDEX applications_job_status;
CREATE INDEX applications_job ON applications (job_id, created_at, id);
CREATE INDEX applications_job_status ON applications (job_id, status, created_at, id);
CREATE INDEX applications_job_updated ON applications (job_id, updated_at, id);
