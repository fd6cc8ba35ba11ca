namespace Weft.Api.Validation.Extensions;

/// <summary>The semantic validators of extensions.istio.io.</summary>
public static class ExtensionsValidation
{
    public static IEnumerable<IKindValidator> All => [new WasmPluginValidator(), new TrafficExtensionValidator()];
}
