using System.Collections.Immutable;

namespace Weft.Discovery.Security;

/// <summary>The effective PeerAuthentication of this workload (mesh, namespace and workload merged).</summary>
public sealed record PeerAuthenticationConfig
{
    public MtlsMode Mode { get; init; } = MtlsMode.Permissive;

    /// <summary>Per inbound port overrides.</summary>
    public ImmutableSortedDictionary<int, MtlsMode> PortModes { get; init; } = ImmutableSortedDictionary<int, MtlsMode>.Empty;
}

public enum MtlsMode
{
    Unset,
    Disable,
    Permissive,
    Strict,
}
