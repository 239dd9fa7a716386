-- wrk script: password sign-ins (Argon2id verify on the server's worker pool) for the demo
-- headhunter that `hiresafe seed --demo` creates. The password is right, so no lockout builds up.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email":"headhunter@demo.hiresafe.dev","password":"demo-password-1","device_label":"bench"}'
