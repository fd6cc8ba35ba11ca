using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>ResourceDetectors.DynatraceResourceDetector: no settings; <c>dynatrace: {}</c> enables it.</summary>
[WireNullsAreAbsent]
public sealed record DynatraceResourceDetector;
