using System.Security.Cryptography;
using Weft.Identity.Certificates;
using Weft.Identity.Csr;
using Weft.Identity.Keys;
using Weft.Identity.Rotation;
using Weft.Identity.Spiffe;
using Weft.Identity.Trust;

namespace Weft.Proxy.Security.Certificates;

/// <summary>
/// The proxy's workload certificate over its life: reuse the one saved in the data directory,
/// else exchange the bootstrap token for a first one (retrying while the control plane is
/// unreachable, giving up with the reason when it refuses), save it (0600), then renew it with
/// itself at half life. <see cref="Current"/> is what listeners and the discovery connection
/// present (wired in the next phase); a rotation changes it for new connections only.
/// </summary>
public sealed partial class ProxyIdentity : IAsyncDisposable
{
    private readonly CertificateOptions _options;
    private readonly CertificateFiles? _files;
    private readonly CaClient _client;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<WorkloadCertificate> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CertificateRotator? _rotator;
    private Task? _run;

    /// <param name="options">The certificate endpoint, token and first roots.</param>
    /// <param name="identity">Who this proxy is (its namespace and service account).</param>
    /// <param name="dataDir">Where the certificate is saved (DATA_DIR/certs); null keeps it in memory only.</param>
    /// <param name="time">The clock for renewal and back-off.</param>
    /// <param name="loggers">Logging.</param>
    public ProxyIdentity(CertificateOptions options, SpiffeId identity, string? dataDir, TimeProvider time, ILoggerFactory loggers)
    {
        _options = options;
        Identity = identity;
        _files = dataDir is null ? null : new CertificateFiles(Path.Combine(dataDir, "certs"));
        _client = new CaClient(options.CaAddress, time);
        _time = time;
        _loggers = loggers;
        _log = loggers.CreateLogger<ProxyIdentity>();
    }

    public SpiffeId Identity { get; }

    /// <summary>Where the certificate is saved; null without a data directory.</summary>
    public CertificateFiles? Files => _files;

    /// <summary>The certificate to present now; null until the first one is obtained.</summary>
    public WorkloadCertificate? Current => _rotator?.Current;

    /// <summary>Completes with the first certificate, or fails with the reason none can be obtained.</summary>
    public Task<WorkloadCertificate> FirstCertificate => _first.Task;

    /// <summary>Why there is no certificate, when the proxy has given up (a refused or missing token).</summary>
    public string? Failure { get; private set; }

    /// <summary>Raised with each new certificate (first and renewals), after it is saved.</summary>
    public event Action<WorkloadCertificate>? CertificateChanged;

    public void Start()
    {
        if (_run is not null)
            throw new InvalidOperationException("the proxy identity is already started");
        _run = Task.Run(() => RunAsync(_stop.Token));
    }

    private async Task RunAsync(CancellationToken ct)
    {
        WorkloadCertificate first;
        try
        {
            first = await FirstAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _first.TrySetCanceled(ct);
            return;
        }
        catch (CaRefusedException e)
        {
            Fail(e.Message);
            return;
        }
        catch (InvalidOperationException e)
        {
            Fail(e.Message);
            return;
        }
        _rotator = new CertificateRotator(first, RenewAsync, _time, _loggers.CreateLogger<CertificateRotator>());
        _rotator.Rotated += Changed;
        _first.TrySetResult(first);
        CertificateChanged?.Invoke(first);
        _rotator.Start();
    }

    private async Task<WorkloadCertificate> FirstAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        string? reason = null;
        if (_files?.Load(Identity, now, out reason) is { } saved)
        {
            LogReusing(_log, Identity.ToString(), _files.Directory, saved.NotAfter);
            return saved;
        }
        if (_files is null)
            reason = "no --data-dir, so no certificate is saved";
        var token = ReadToken()
            ?? throw new InvalidOperationException($"{reason}, and no bootstrap token was given: create one with 'weft workload token create --namespace {Identity.Namespace} --service-account {Identity.ServiceAccount}' and pass it with --token-file");
        var roots = Roots()
            ?? throw new InvalidOperationException($"there is no mesh root to trust {_options.CaAddress} by: pass --ca-root-file (the root certificates 'weft workload token create' prints)");
        LogBootstrapping(_log, Identity.ToString(), _options.CaAddress.ToString(), reason ?? "");
        var failures = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            using var pending = CsrBuilder.Create(Identity);
            try
            {
                var cert = await _client.BootstrapAsync(pending, token, roots, ct);
                Save(cert);
                LogBootstrapped(_log, Identity.ToString(), cert.Certificate.SerialNumber, cert.NotAfter, _files?.Directory ?? "memory only");
                return cert;
            }
            catch (IOException e)
            {
                failures++;
                var backoff = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(failures - 1, 5))));
                LogBootstrapRetry(_log, e.Message, backoff.TotalSeconds);
                await Task.Delay(backoff, _time, ct);
            }
        }
    }

    private async Task<WorkloadCertificate> RenewAsync(WorkloadCertificate current, CancellationToken ct)
    {
        using var pending = CsrBuilder.Create(Identity);
        var next = await _client.RenewAsync(pending, current, ct);
        Save(next);
        return next;
    }

    private void Save(WorkloadCertificate cert)
    {
        try
        {
            _files?.Save(cert);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Serving with an unsaved certificate beats serving none; the next start needs a token then.
            LogSaveFailed(_log, _files!.Directory, e.Message);
        }
    }

    private void Changed(WorkloadCertificate cert) => CertificateChanged?.Invoke(cert);

    private void Fail(string reason)
    {
        Failure = reason;
        LogGaveUp(_log, Identity.ToString(), reason);
        _first.TrySetException(new InvalidOperationException(reason));
    }

    private string? ReadToken()
    {
        if (_options.BootstrapToken is { Length: > 0 } inline)
            return inline.Trim();
        if (_options.TokenFile is not { } file)
            return null;
        try
        {
            if (SecretFile.IsOpenToOthers(file))
                LogTokenFileOpen(_log, file, SecretFile.ModeText(file));
            var text = File.ReadAllText(file).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"cannot read the bootstrap token file {file}: {e.Message}", e);
        }
    }

    /// <summary>The roots saved by a previous start (they follow rotations) plus those of --ca-root-file.</summary>
    private TrustBundle? Roots()
    {
        var roots = new List<System.Security.Cryptography.X509Certificates.X509Certificate2>();
        if (_files?.LoadRoots(_options.TrustDomain) is { } saved)
            roots.AddRange(saved.Roots);
        if (_options.RootFile is { } file)
        {
            try
            {
                roots.AddRange(TrustBundle.FromPem(_options.TrustDomain, File.ReadAllText(file)).Roots);
            }
            catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException($"cannot read the root certificates in {file}: {e.Message}", e);
            }
        }
        return roots.Count == 0 ? null : new TrustBundle(_options.TrustDomain, roots);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            try
            {
                await _run;
            }
            catch (OperationCanceledException)
            {
            }
        }
        if (_rotator is not null)
            await _rotator.DisposeAsync();
        _stop.Dispose();
    }

    [LoggerMessage(5701, LogLevel.Information, "Reusing the saved certificate of {Identity} from {Dir} (valid until {NotAfter:o})")]
    private static partial void LogReusing(ILogger log, string identity, string dir, DateTimeOffset notAfter);

    [LoggerMessage(5702, LogLevel.Information, "Exchanging the bootstrap token for a certificate of {Identity} at {CaAddress} ({Reason})")]
    private static partial void LogBootstrapping(ILogger log, string identity, string caAddress, string reason);

    [LoggerMessage(5703, LogLevel.Information, "Got the first certificate of {Identity}: serial {Serial}, valid until {NotAfter:o}, saved in {Where}")]
    private static partial void LogBootstrapped(ILogger log, string identity, string serial, DateTimeOffset notAfter, string where);

    [LoggerMessage(5704, LogLevel.Warning, "Cannot get a certificate yet: {Reason}; retrying in {Seconds} s")]
    private static partial void LogBootstrapRetry(ILogger log, string reason, double seconds);

    [LoggerMessage(5705, LogLevel.Error, "No certificate for {Identity}: {Reason}")]
    private static partial void LogGaveUp(ILogger log, string identity, string reason);

    [LoggerMessage(5706, LogLevel.Error, "Cannot save the certificate in {Dir} ({Reason}); it is used from memory, and the next start needs a new bootstrap token")]
    private static partial void LogSaveFailed(ILogger log, string dir, string reason);

    [LoggerMessage(5707, LogLevel.Warning, "The bootstrap token file {Path} has mode {Mode}: other users can read it; chmod it to 0600")]
    private static partial void LogTokenFileOpen(ILogger log, string path, string mode);
}
