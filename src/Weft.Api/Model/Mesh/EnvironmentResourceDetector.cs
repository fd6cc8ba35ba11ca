using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>ResourceDetectors.EnvironmentResourceDetector: no settings; <c>environment: {}</c> enables it.</summary>
[WireNullsAreAbsent]
public sealed record EnvironmentResourceDetector;
