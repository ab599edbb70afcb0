package dossier.article.entity;

/** Whether readers may see an article (once its publication time has come). */
public enum Status {
    DRAFT, PUBLISHED
}
