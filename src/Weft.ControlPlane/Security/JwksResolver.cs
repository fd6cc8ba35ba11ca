using System.Collections.Concurrent;
using System.Text.Json;
using Weft.ControlPlane.Translation.Security;

namespace Weft.ControlPlane.Security;

/// <summary>
/// weftd's JWKS fetcher (istiod's JwksResolver): translation asks it for a RequestAuthentication's
/// jwksUri and gets the cached key set at once; a URI seen for the first time is fetched in the
/// background (http or https, within the rule's timeout) and translation is asked to run again
/// when it arrives. Known URIs are fetched again every <see cref="JwksResolverOptions.Refresh"/>
/// (a failed one every <see cref="JwksResolverOptions.Retry"/>). A failed fetch keeps the last
/// good keys, is logged, and its error travels in the snapshot (<c>jwksError</c>) so
/// <c>weft proxy-config</c> shows it. URIs no rule asked for within a refresh are forgotten.
/// </summary>
public sealed partial class JwksResolver : IJwksSource, IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly JwksResolverOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private ITimer? _timer;

    public JwksResolver(JwksResolverOptions options, TimeProvider time, ILogger<JwksResolver> log, HttpMessageHandler? handler = null)
    {
        _options = options;
        _time = time;
        _log = log;
        // Timeouts are per fetch (the rule's); the client's own is off.
        _http = new HttpClient(handler ?? new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>
    /// The URIs the current config names. Entries it still names are kept and refreshed however
    /// long ago a snapshot asked for them (snapshots are built again only when something changes,
    /// so a quiet mesh must not lose its keys); the others are forgotten after two refresh periods
    /// without a lookup. Null: that rule alone.
    /// </summary>
    public Func<IEnumerable<string>>? InUse { get; set; }

    /// <summary>Called when keys (or a fetch's error) changed: translation must run again.</summary>
    public event Action? Changed;

    public JwksLookup Lookup(string uri, TimeSpan timeout)
    {
        var created = false;
        var entry = _entries.GetOrAdd(uri, u =>
        {
            created = true;
            return new Entry(u, timeout);
        });
        entry.Timeout = timeout;
        entry.LastAsked = _time.GetUtcNow();
        if (created)
            _ = Task.Run(() => FetchAsync(entry, _stop.Token), CancellationToken.None);
        var state = entry.State;
        return new JwksLookup(state.Jwks, state.Error ?? (state.Jwks is null ? $"the keys of {uri} are being fetched" : null));
    }

    /// <summary>An issuer's keys by OpenID discovery: cached, refreshed and kept on failure as a jwksUri is, under its configuration's URI.</summary>
    public JwksLookup LookupIssuer(string issuer, TimeSpan timeout)
    {
        var uri = OpenIdDiscovery.ConfigurationUri(issuer);
        var created = false;
        var entry = _entries.GetOrAdd(uri, u =>
        {
            created = true;
            return new Entry(u, timeout) { Discover = true };
        });
        entry.Timeout = timeout;
        entry.LastAsked = _time.GetUtcNow();
        if (created)
            _ = Task.Run(() => FetchAsync(entry, _stop.Token), CancellationToken.None);
        var state = entry.State;
        return new JwksLookup(state.Jwks, state.Error ?? (state.Jwks is null ? $"the keys of issuer {issuer} are being discovered ({uri})" : null));
    }

    /// <summary>The absolute http(s) <c>jwks_uri</c> of an OpenID configuration, or null and why not.</summary>
    internal static string? JwksUriIn(string document, out string? problem)
    {
        try
        {
            using var doc = JsonDocument.Parse(document);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("jwks_uri", out var named) || named.ValueKind != JsonValueKind.String)
            {
                problem = "it has no \"jwks_uri\" string";
                return null;
            }
            if (!Uri.TryCreate(named.GetString(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                problem = $"its jwks_uri \"{named.GetString()}\" is not an absolute http(s) URI";
                return null;
            }
            problem = null;
            return named.GetString();
        }
        catch (JsonException e)
        {
            problem = e.Message;
            return null;
        }
    }

    /// <summary>What the fetcher holds for each URI, for logs and the REST API.</summary>
    public IReadOnlyList<JwksStatus> Status() =>
        [.. _entries.Values.OrderBy(e => e.Uri, StringComparer.Ordinal).Select(e => new JwksStatus(e.Uri, e.State.Jwks is not null, e.State.Fetched, e.State.Error))];

    /// <summary>
    /// weftd's wiring: translation reads keys from a new resolver, a change of keys rebuilds every
    /// proxy's snapshot, and the resolver stops with the host.
    /// </summary>
    public static JwksResolver Attach(Push.TranslationSnapshotSource source, IHostApplicationLifetime lifetime, TimeProvider time, ILoggerFactory loggers)
    {
        var resolver = new JwksResolver(new JwksResolverOptions(), time, loggers.CreateLogger<JwksResolver>());
        resolver.Changed += source.Invalidate;
        resolver.InUse = () => source.Current?.Security.JwksUris ?? [];
        source.Jwks = resolver;
        resolver.Start();
        lifetime.ApplicationStopping.Register(static r => ((JwksResolver)r!).DisposeAsync().AsTask().GetAwaiter().GetResult(), resolver);
        return resolver;
    }

    /// <summary>Starts the periodic refresh.</summary>
    public void Start() =>
        _timer = _time.CreateTimer(static s => ((JwksResolver)s!).Tick(), this, _options.Tick, _options.Tick);

    private void Tick()
    {
        var now = _time.GetUtcNow();
        var inUse = InUse?.Invoke().ToHashSet(StringComparer.Ordinal);
        foreach (var entry in _entries.Values)
        {
            if (inUse?.Contains(entry.Uri) != true && now - entry.LastAsked > _options.Refresh + _options.Refresh)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(entry.Uri, entry));
                continue;
            }
            var state = entry.State;
            var due = state.Error is not null ? now - entry.LastAttempt >= _options.Retry : now - entry.LastAttempt >= _options.Refresh;
            // FetchAsync skips an entry already being fetched.
            if (due && Volatile.Read(ref entry.Busy) == 0)
                _ = Task.Run(() => FetchAsync(entry, _stop.Token), CancellationToken.None);
        }
    }

    private async Task FetchAsync(Entry entry, CancellationToken ct)
    {
        if (ct.IsCancellationRequested || Interlocked.CompareExchange(ref entry.Busy, 1, 0) != 0)
            return;
        try
        {
            entry.LastAttempt = _time.GetUtcNow();
            string? jwks = null;
            string? error = null;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(entry.Timeout);
                var keysUri = entry.Uri;
                if (entry.Discover)
                {
                    // The issuer's OpenID configuration names the key set; both fetches share the rule's timeout.
                    using var config = await _http.GetAsync(entry.Uri, HttpCompletionOption.ResponseContentRead, timeout.Token);
                    var document = await config.Content.ReadAsStringAsync(timeout.Token);
                    if (!config.IsSuccessStatusCode)
                        error = $"fetching {entry.Uri} answered {(int)config.StatusCode}";
                    else if (JwksUriIn(document, out var problem) is { } named)
                        keysUri = named;
                    else
                        error = $"{entry.Uri} did not answer an OpenID configuration naming the keys: {problem}";
                }
                if (error is null)
                {
                    using var response = await _http.GetAsync(keysUri, HttpCompletionOption.ResponseContentRead, timeout.Token);
                    var body = await response.Content.ReadAsStringAsync(timeout.Token);
                    if (!response.IsSuccessStatusCode)
                        error = $"fetching {keysUri} answered {(int)response.StatusCode}";
                    else if (Problem(body) is { } problem)
                        error = $"{keysUri} did not answer a JSON Web Key Set: {problem}";
                    else
                        jwks = body;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException)
            {
                error = $"fetching {entry.Uri} took longer than {entry.Timeout.TotalMilliseconds:0} ms";
            }
            catch (HttpRequestException e)
            {
                error = $"fetching {entry.Uri} failed: {e.Message}";
            }
            var old = entry.State;
            var next = jwks is not null
                ? new EntryState(jwks, null, _time.GetUtcNow())
                : old with { Error = error };
            entry.State = next;
            if (error is not null)
                LogFetchFailed(_log, entry.Uri, error, old.Jwks is not null);
            else if (!string.Equals(old.Jwks, jwks, StringComparison.Ordinal))
                LogFetched(_log, entry.Uri);
            if (!string.Equals(old.Jwks, next.Jwks, StringComparison.Ordinal) || !string.Equals(old.Error, next.Error, StringComparison.Ordinal))
                Changed?.Invoke();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFetchFailed(_log, entry.Uri, e.Message, entry.State.Jwks is not null);
        }
        finally
        {
            Interlocked.Exchange(ref entry.Busy, 0);
        }
    }

    /// <summary>Why a body is not a key set Envoy would accept (a JSON object with a <c>keys</c> array), or null.</summary>
    internal static string? Problem(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
                return "it has no \"keys\" array";
            return null;
        }
        catch (JsonException e)
        {
            return e.Message;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_timer is not null)
            await _timer.DisposeAsync();
        // _stop is not disposed: a fetch started by a late Lookup still reads its (cancelled) token.
        _http.Dispose();
    }

    private sealed class Entry(string uri, TimeSpan timeout)
    {
        public string Uri { get; } = uri;
        public TimeSpan Timeout { get; set; } = timeout;
        public DateTimeOffset LastAsked { get; set; }
        public DateTimeOffset LastAttempt { get; set; }
        public int Busy;
        /// <summary>The URI is an issuer's OpenID configuration, naming the key set (not the key set itself).</summary>
        public bool Discover { get; init; }
        private EntryState _state = new(null, null, null);
        public EntryState State { get => Volatile.Read(ref _state); set => Volatile.Write(ref _state, value); }
    }

    private sealed record EntryState(string? Jwks, string? Error, DateTimeOffset? Fetched);

    [LoggerMessage(1700, LogLevel.Information, "Fetched the JWKS of {Uri}; proxies get the new keys")]
    private static partial void LogFetched(ILogger log, string uri);

    [LoggerMessage(1701, LogLevel.Warning, "JWKS {Uri}: {Error} (keeping the last good keys: {HasKeys})")]
    private static partial void LogFetchFailed(ILogger log, string uri, string error, bool hasKeys);
}

/// <summary>What the fetcher holds for one jwksUri.</summary>
public sealed record JwksStatus(string Uri, bool HasKeys, DateTimeOffset? Fetched, string? Error);

/// <summary>How often the fetcher looks again (Istio refreshes every 20 minutes).</summary>
public sealed record JwksResolverOptions
{
    public TimeSpan Refresh { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>How soon a failed fetch is tried again.</summary>
    public TimeSpan Retry { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the timer checks what is due.</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromSeconds(5);
}
