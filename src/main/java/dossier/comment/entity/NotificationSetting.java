package dossier.comment.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.Objects;

/**
 * How a reader wants to hear of replies, mentions and followed discussions. A reader without a row has the
 * defaults: mailed immediately, and a first comment under an article follows it.
 */
@Entity
@Table(name = "notification_setting")
public class NotificationSetting {

    public enum Delivery { IMMEDIATE, DIGEST, NEVER }

    @Id
    @Column(name = "account_id")
    private Long accountId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Delivery delivery;

    @Column(name = "follow_on_comment", nullable = false)
    private boolean followOnComment;

    protected NotificationSetting() {
    }

    public NotificationSetting(long accountId, Delivery delivery, boolean followOnComment) {
        this.accountId = accountId;
        this.delivery = Objects.requireNonNull(delivery);
        this.followOnComment = followOnComment;
    }

    public static NotificationSetting defaults(long accountId) {
        return new NotificationSetting(accountId, Delivery.IMMEDIATE, true);
    }

    public void change(Delivery delivery, boolean followOnComment) {
        this.delivery = Objects.requireNonNull(delivery);
        this.followOnComment = followOnComment;
    }

    public void stopMail() {
        this.delivery = Delivery.NEVER;
    }

    public Long accountId() { return accountId; }
    public Delivery delivery() { return delivery; }
    public boolean followOnComment() { return followOnComment; }
}
