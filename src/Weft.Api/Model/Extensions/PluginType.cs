using Weft.Api.Binding;

namespace Weft.Api.Model.Extensions;

/// <summary>PluginType: an HTTP filter or a network (L4) filter.</summary>
[WireCase(WireCase.UpperSnake)]
public enum PluginType
{
    UnspecifiedPluginType,
    Http,
    Network,
}
