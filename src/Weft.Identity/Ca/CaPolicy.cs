namespace Weft.Identity.Ca;

/// <summary>How long what the CA signs lives, and how a root rotation is paced.</summary>
public sealed record CaPolicy
{
    /// <summary>A workload certificate's life when the request names none (Istio's default too).</summary>
    public TimeSpan DefaultTtl { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The longest life a request may ask for; longer requests are refused, not shortened.</summary>
    public TimeSpan MaxTtl { get; init; } = TimeSpan.FromDays(7);

    /// <summary>The shortest; anything shorter would be renewing all the time.</summary>
    public TimeSpan MinTtl { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>A generated root's life.</summary>
    public TimeSpan RootLifetime { get; init; } = TimeSpan.FromDays(3650);

    /// <summary>
    /// After a rotation, how long the new root is trusted before it signs: every workload renews
    /// within ~55% of <see cref="DefaultTtl"/> and gets the new bundle then, so by the time new
    /// certificates appear every peer already trusts them.
    /// </summary>
    public TimeSpan RotationPropagation => DefaultTtl;

    /// <summary>How long the old root stays trusted after the new one signs: every certificate it signed has expired by then.</summary>
    public TimeSpan RotationOverlap => MaxTtl;
}
