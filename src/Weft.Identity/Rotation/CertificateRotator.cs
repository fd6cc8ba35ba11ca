using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Weft.Identity.Certificates;

namespace Weft.Identity.Rotation;

/// <summary>
/// Keeps a certificate fresh: renews it at half its life (plus or minus jitter) on the given
/// clock, retries failures with doubling back-off, and publishes each new certificate with one
/// reference swap. Listeners and clients read <see cref="Current"/> at every handshake (through
/// the selection callbacks below), so a rotation changes what new connections present and never
/// touches a connection already established.
/// </summary>
public sealed partial class CertificateRotator : IAsyncDisposable
{
    private readonly Func<WorkloadCertificate, CancellationToken, Task<WorkloadCertificate>> _renew;
    private readonly TimeProvider _time;
    private readonly RotationOptions _options;
    private readonly Random _random;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _publish = new();
    private WorkloadCertificate _current;
    private long _nextRenewalTicks;
    private int _rotations;
    private Task? _loop;

    /// <param name="initial">The certificate to serve until the first renewal.</param>
    /// <param name="renew">Gets a new certificate; given the current one (to authenticate with it).</param>
    /// <param name="time">The clock: tests move it by hand.</param>
    /// <param name="log">Where renewals and failures are told.</param>
    /// <param name="options">Renewal point, jitter and retry back-off.</param>
    /// <param name="random">The jitter's source (a seeded one in tests).</param>
    public CertificateRotator(WorkloadCertificate initial, Func<WorkloadCertificate, CancellationToken, Task<WorkloadCertificate>> renew,
        TimeProvider time, ILogger log, RotationOptions? options = null, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _current = initial;
        _renew = renew;
        _time = time;
        _log = log;
        _options = options ?? new RotationOptions();
        _random = random ?? Random.Shared;
        NextRenewal = RenewalTime(initial);
    }

    /// <summary>The certificate new connections present.</summary>
    public WorkloadCertificate Current => Volatile.Read(ref _current);

    /// <summary>When the next renewal attempt is due.</summary>
    public DateTimeOffset NextRenewal
    {
        get => new(Volatile.Read(ref _nextRenewalTicks), TimeSpan.Zero);
        private set => Volatile.Write(ref _nextRenewalTicks, value.UtcTicks);
    }

    /// <summary>Raised after each swap, with the new certificate (to persist it, or show it).</summary>
    public event Action<WorkloadCertificate>? Rotated;

    /// <summary>Successful renewals so far.</summary>
    public int Rotations => Volatile.Read(ref _rotations);

    /// <summary>For <see cref="SslServerAuthenticationOptions.ServerCertificateSelectionCallback"/> (and Kestrel's ServerCertificateSelector).</summary>
    public X509Certificate2 SelectServerCertificate(object? sender, string? hostName) => Current.Certificate;

    /// <summary>For <see cref="SslClientAuthenticationOptions.LocalCertificateSelectionCallback"/>.</summary>
    public X509Certificate SelectClientCertificate(object sender, string targetHost, X509CertificateCollection localCertificates,
        X509Certificate? remoteCertificate, string[] acceptableIssuers) => Current.Certificate;

    /// <summary>
    /// For <c>SslStream.AuthenticateAsServerAsync(ServerOptionsSelectionCallback, ...)</c>: options
    /// with the current certificate and its intermediates, built per handshake.
    /// </summary>
    public SslServerAuthenticationOptions ServerOptions(SslServerAuthenticationOptions template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new SslServerAuthenticationOptions
        {
            ServerCertificateContext = Current.Context,
            ClientCertificateRequired = template.ClientCertificateRequired,
            RemoteCertificateValidationCallback = template.RemoteCertificateValidationCallback,
            EnabledSslProtocols = template.EnabledSslProtocols,
            ApplicationProtocols = template.ApplicationProtocols,
            CertificateRevocationCheckMode = template.CertificateRevocationCheckMode,
        };
    }

    /// <summary>Starts renewing in the background (once).</summary>
    public void Start()
    {
        if (_loop is not null)
            throw new InvalidOperationException("the rotator is already started");
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Renews now, outside the schedule (e.g. when the trust bundle changed); the schedule follows the new certificate.</summary>
    public async Task RenewNowAsync(CancellationToken ct)
    {
        var next = await _renew(Current, ct);
        Publish(next);
    }

    /// <summary>
    /// The moment to renew <paramref name="certificate"/>: NotBefore + life × (RenewAt ± Jitter).
    /// </summary>
    public DateTimeOffset RenewalTime(WorkloadCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var fraction = _options.RenewAt + ((_random.NextDouble() * 2) - 1) * _options.Jitter;
        return certificate.NotBefore + certificate.Lifetime * Math.Clamp(fraction, 0.05, 0.95);
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            var wait = NextRenewal - _time.GetUtcNow();
            try
            {
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, _time, ct);
                var current = Current;
                LogRenewing(_log, current.Identity.ToString(), current.NotAfter);
                var next = await _renew(current, ct);
                failures = 0;
                Publish(next);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                var backoff = TimeSpan.FromTicks(Math.Min(_options.RetryMax.Ticks, _options.RetryInitial.Ticks << Math.Min(failures - 1, 20)));
                var current = Current;
                var now = _time.GetUtcNow();
                NextRenewal = now + backoff;
                if (current.NotAfter <= now)
                    LogExpired(_log, current.Identity.ToString(), current.NotAfter, e.Message, backoff.TotalSeconds);
                else
                    LogRenewFailed(_log, current.Identity.ToString(), failures, e.Message, backoff.TotalSeconds, current.NotAfter);
            }
        }
    }

    private void Publish(WorkloadCertificate next)
    {
        WorkloadCertificate previous;
        // A scheduled renewal and RenewNowAsync may finish together: one swap at a time.
        lock (_publish)
        {
            previous = Current;
            Volatile.Write(ref _current, next);
            NextRenewal = RenewalTime(next);
            Interlocked.Increment(ref _rotations);
        }
        LogRotated(_log, next.Identity.ToString(), previous.NotAfter, next.NotAfter, NextRenewal);
        Rotated?.Invoke(next);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
            }
        }
        _stop.Dispose();
    }

    [LoggerMessage(8001, LogLevel.Debug, "Renewing the certificate of {Identity} (expires {NotAfter:o})")]
    private static partial void LogRenewing(ILogger log, string identity, DateTimeOffset notAfter);

    [LoggerMessage(8002, LogLevel.Information, "Rotated the certificate of {Identity}: the one expiring {OldNotAfter:o} is replaced by one expiring {NewNotAfter:o}; next renewal at {NextRenewal:o}")]
    private static partial void LogRotated(ILogger log, string identity, DateTimeOffset oldNotAfter, DateTimeOffset newNotAfter, DateTimeOffset nextRenewal);

    [LoggerMessage(8003, LogLevel.Warning, "Renewing the certificate of {Identity} failed ({Failures} in a row): {Reason}; retrying in {Seconds} s, the current one is valid until {NotAfter:o}")]
    private static partial void LogRenewFailed(ILogger log, string identity, int failures, string reason, double seconds, DateTimeOffset notAfter);

    [LoggerMessage(8004, LogLevel.Error, "The certificate of {Identity} expired at {NotAfter:o} and renewing it fails: {Reason}; peers refuse it now. Retrying in {Seconds} s")]
    private static partial void LogExpired(ILogger log, string identity, DateTimeOffset notAfter, string reason, double seconds);
}
