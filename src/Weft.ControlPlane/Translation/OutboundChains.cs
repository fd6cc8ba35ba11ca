using System.Collections.Immutable;
using Weft.Discovery.Listeners;

namespace Weft.ControlPlane.Translation;

/// <summary>The filter chains of the outbound listener 15001 (first match wins) and its default chain.</summary>
public sealed record OutboundChains(ImmutableArray<FilterChain> Chains, FilterChain Default);
