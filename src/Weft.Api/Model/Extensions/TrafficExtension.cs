using Weft.Api.Model.Meta;

namespace Weft.Api.Model.Extensions;

/// <summary>extensions.istio.io TrafficExtension: a WebAssembly or Lua filter added to the selected proxies.</summary>
public sealed record TrafficExtension : SpecObject<TrafficExtensionSpec>;
