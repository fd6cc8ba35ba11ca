using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>Topology.ProxyProtocolConfiguration: no settings; present means enabled.</summary>
[WireNullsAreAbsent]
public sealed record ProxyProtocolConfiguration;
