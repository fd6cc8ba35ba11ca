using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>PrivateKeyProvider.CryptoMb and .QAT: the same settings for both accelerators.</summary>
[WireNullsAreAbsent]
public sealed record PrivateKeyAccelerator
{
    /// <summary>How long requests wait to be batched; must be set and non-zero.</summary>
    public Duration? PollDelay { get; init; }

    /// <summary>Fall back to software when the accelerator is unavailable.</summary>
    public bool? Fallback { get; init; }
}
