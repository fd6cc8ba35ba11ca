using Weft.Api.Kinds;

namespace Weft.Api.Model.Extensions;

/// <summary>
/// The kinds of extensions.istio.io known to Weft. They are typed and validated, but Weft's proxy
/// runs no WebAssembly or Lua, so they are not acted on.
/// </summary>
public static class ExtensionsKinds
{
    public const string Group = "extensions.istio.io";

    public static IEnumerable<KindInfo> All =>
    [
        KindInfo.Of<WasmPlugin>(Group, "WasmPlugin", "wasmplugins", ["v1alpha1"], [], support: KindSupport.Validated),
        KindInfo.Of<TrafficExtension>(Group, "TrafficExtension", "trafficextensions", ["v1alpha1"], [], support: KindSupport.Validated),
    ];
}
