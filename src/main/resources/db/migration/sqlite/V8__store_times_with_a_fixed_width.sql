-- Instants were written with Instant.toString(), whose fraction has a varying length, so as text
-- "…:00Z" sorted after "…:00.5Z". Every instant is now written as yyyy-MM-ddTHH:mm:ss.SSSZ, which
-- sorts in time order. (strftime rounds the fraction to milliseconds; this rewrites SQLite data
-- only, so its SQLite dialect is no obstacle to another database starting from empty tables.)
UPDATE customer SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at);
UPDATE context_card SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at),
                        assigned_at = strftime('%Y-%m-%dT%H:%M:%fZ', assigned_at);
UPDATE support_context SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at);
UPDATE support_request SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at);
UPDATE request_event SET at = strftime('%Y-%m-%dT%H:%M:%fZ', at);
UPDATE delivery SET seen_at = strftime('%Y-%m-%dT%H:%M:%fZ', seen_at);
UPDATE work SET due_at = strftime('%Y-%m-%dT%H:%M:%fZ', due_at),
                lease_until = strftime('%Y-%m-%dT%H:%M:%fZ', lease_until),
                created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at),
                done_at = strftime('%Y-%m-%dT%H:%M:%fZ', done_at);
