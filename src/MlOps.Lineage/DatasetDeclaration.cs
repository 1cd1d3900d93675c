using System;

namespace MlOps.Lineage;

/// <summary>A dataset declared with <see cref="DatasetInputAttribute"/>, as the generated lineage class exposes it.</summary>
public sealed class DatasetDeclaration
{
    /// <summary>Creates a declaration; the generated lineage class calls this for each <see cref="DatasetInputAttribute"/>.</summary>
    public DatasetDeclaration(string name, string path, DatasetRole role = DatasetRole.Train, string? sha256 = null)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Path = path ?? throw new ArgumentNullException(nameof(path));
        Role = role;
        Sha256 = sha256;
    }

    /// <summary>The dataset's name, unique within its pipeline.</summary>
    public string Name { get; }

    /// <summary>The declared file or directory.</summary>
    public string Path { get; }

    /// <summary>What the dataset is used for.</summary>
    public DatasetRole Role { get; }

    /// <summary>The pinned SHA-256 of the content, when declared.</summary>
    public string? Sha256 { get; }

    /// <inheritdoc/>
    public override string ToString() => Name + " (" + Path + ")";
}
