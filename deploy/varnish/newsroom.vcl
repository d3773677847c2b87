# Varnish 7 in front of newsroom instances (Strapi with the newsroom plugin), purged by tag.
#
#   apt-get install -y varnish varnish-modules      # Debian bookworm: Varnish 7.1, xkey 0.20
#   varnishd -F -a :6081 -f /path/to/newsroom.vcl -n /var/lib/varnish/newsroom
#   NEWSROOM_PURGE_VARNISH=http://127.0.0.1:6081    # on every instance: purge this edge by tag
#
# - Public newsroom reads (GET/HEAD of /api/newsroom/… and GraphQL GET queries, no Authorization)
#   are cached for as long as the answer's Surrogate-Control says (a day by default: edge.maxAge, once a purge driver such as NEWSROOM_PURGE_VARNISH is set).
# - Their tags come in Surrogate-Key (the read cache's own: doc:<id>, list:<kind>, via:<kind>,
#   graphql, and `newsroom` on every answer); xkey indexes them.
# - The plugin purges by tag on every invalidation: `PURGE /` with `xkey-purge: <tags>` (hard:
#   unpublish, delete, embargo, rights, correction — gone at once) or `xkey-softpurge: <tags>` (an
#   edit: the old copy is served for at most `grace` while one background fetch gets the new one).
#   Only addresses in the `purgers` ACL may purge.
# - Anything else (errors, 404s, private answers, answers whose render raced a write: no
#   Surrogate-Control) is never stored.
# Readers' concurrent misses for one URL wait for one backend fetch (Varnish's waiting list).
vcl 4.1;

import directors;
import std;
import xkey;

# Two instances, round robin; add a backend (and an add_backend line) per instance. The tests
# rewrite these two ports.
backend newsroom_a {
  .host = "127.0.0.1";
  .port = "1337";
  .connect_timeout = 2s;
  .first_byte_timeout = 30s;
}
backend newsroom_b {
  .host = "127.0.0.1";
  .port = "1338";
  .connect_timeout = 2s;
  .first_byte_timeout = 30s;
}

acl purgers {
  "127.0.0.1";
  "::1";
}

sub vcl_init {
  new newsroom = directors.round_robin();
  newsroom.add_backend(newsroom_a);
  newsroom.add_backend(newsroom_b);
}

sub vcl_recv {
  set req.backend_hint = newsroom.backend();
  if (req.method == "PURGE") {
    if (client.ip !~ purgers) {
      return (synth(403, "Forbidden"));
    }
    if (req.http.xkey-purge) {
      set req.http.x-purged = xkey.purge(req.http.xkey-purge);
    } elsif (req.http.xkey-softpurge) {
      set req.http.x-purged = xkey.softpurge(req.http.xkey-softpurge);
    } else {
      return (synth(400, "Send xkey-purge or xkey-softpurge"));
    }
    return (synth(200, "Purged " + req.http.x-purged));
  }
  if (req.method != "GET" && req.method != "HEAD") {
    return (pass);
  }
  if (req.http.Authorization || (req.url !~ "^/api/newsroom/" && req.url !~ "^/graphql\?")) {
    return (pass);
  }
  # The newsroom's public answers never depend on cookies.
  unset req.http.Cookie;
  return (hash);
}

sub vcl_backend_response {
  if (beresp.status == 200 && beresp.http.Surrogate-Control ~ "max-age=[0-9]+" && beresp.http.Surrogate-Key) {
    set beresp.ttl = std.duration(regsub(beresp.http.Surrogate-Control, "^.*max-age=([0-9]+).*$", "\1") + "s", 0s);
    # After a soft purge the old copy is served this long while one fetch refreshes it
    # (keep it equal to the plugin's readCache.softStaleSeconds).
    set beresp.grace = 3s;
    set beresp.keep = 0s;
    set beresp.http.xkey = beresp.http.Surrogate-Key;
    unset beresp.http.Surrogate-Control;
    unset beresp.http.Set-Cookie;
    return (deliver);
  }
  # Not for the edge: asked from an instance every time (a 1 s hit-for-miss marker, never a copy).
  set beresp.uncacheable = true;
  set beresp.ttl = 1s;
  set beresp.grace = 0s;
  return (deliver);
}

sub vcl_deliver {
  # Tags are for the edge; readers get X-Edge-Cache (HIT or MISS) instead.
  unset resp.http.xkey;
  unset resp.http.Surrogate-Key;
  unset resp.http.Surrogate-Control;
  if (obj.hits > 0) {
    set resp.http.X-Edge-Cache = "HIT";
  } else {
    set resp.http.X-Edge-Cache = "MISS";
  }
}
