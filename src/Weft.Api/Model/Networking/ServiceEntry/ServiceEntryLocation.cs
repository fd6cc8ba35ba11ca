using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>Whether a ServiceEntry's service is outside the mesh (the default) or part of it.</summary>
[WireCase(WireCase.UpperSnake)]
public enum ServiceEntryLocation
{
    MeshExternal,
    MeshInternal,
}
