namespace Weft.Identity.Rotation;

/// <summary>When a certificate is renewed, and how failures are retried.</summary>
public sealed record RotationOptions
{
    /// <summary>Renewal starts at this fraction of the certificate's life (Istio's SECRET_GRACE_PERIOD_RATIO is 0.5).</summary>
    public double RenewAt { get; init; } = 0.5;

    /// <summary>
    /// Plus or minus this fraction of the life, at random: proxies that started together (a fleet
    /// of VMs rebooted at once) do not all renew in the same second.
    /// </summary>
    public double Jitter { get; init; } = 0.05;

    /// <summary>The first wait after a failed renewal; doubled after each further failure.</summary>
    public TimeSpan RetryInitial { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMax { get; init; } = TimeSpan.FromMinutes(2);
}
