using Weft.Api.Model.Meta;

namespace Weft.Api.Model.Extensions;

/// <summary>extensions.istio.io WasmPlugin: a WebAssembly filter added to the selected proxies.</summary>
public sealed record WasmPlugin : SpecObject<WasmPluginSpec>;
