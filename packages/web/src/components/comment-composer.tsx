import { Alert, App, Avatar, Button, Flex, Form, Mentions, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CommentSchema, CreateCommentSchema, UpdateCommentSchema, type Comment, type CreateComment } from '@kairos/domain/comments';
import { ApiError, newIdempotencyKey } from '../lib/api';
import { mentionCandidates, mentionedIds, sameMentions, splitMentions, useCreateComment, useUpdateComment, type MentionCandidate } from '../lib/comments';
import { useDirectory } from '../lib/directory';
import { useErrorText } from '../lib/errors';
import { issueMessage } from '../lib/forms';
import { useSession } from '../lib/auth';

const MAX_BODY = 5000;

/**
 * Every member as the @ picker names them (deactivated ones too, so old mentions keep their highlight),
 * and which of them may still be picked.
 */
export function useMentionCandidates() {
  const directory = useDirectory();
  return useMemo(() => {
    const members = directory.data ?? [];
    const all = mentionCandidates(members);
    const active = new Set(members.filter((m) => m.status === 'active').map((m) => m.id));
    return { all, pickable: all.filter((c) => active.has(c.id)), loading: directory.isPending };
  }, [directory.data, directory.isPending]);
}

/** A comment's text with its @mentions highlighted (the reader's own in a warmer colour). */
export function CommentBody({ comment, candidates }: { comment: Pick<Comment, 'body' | 'mentions'>; candidates: readonly MentionCandidate[] }) {
  const me = useSession();
  const mentioned = useMemo(() => candidates.filter((c) => comment.mentions.includes(c.id)), [candidates, comment.mentions]);
  return (
    <>
      {splitMentions(comment.body, mentioned).map((segment, i) =>
        segment.memberId ? (
          <span key={i} className={segment.memberId === me.user.id ? 'kairos-mention kairos-mention-me' : 'kairos-mention'} data-testid="comment-mention">
            {segment.text}
          </span>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </>
  );
}

/** The antd Mentions box fed by the member directory: typing "@" opens the picker, the text keeps "@name". */
function MentionBox({
  value,
  onChange,
  onSubmit,
  placeholder,
  autoFocus,
  disabled,
  status,
  testId,
}: {
  value: string;
  onChange: (text: string) => void;
  onSubmit: () => void;
  placeholder: string;
  autoFocus?: boolean;
  disabled?: boolean;
  status?: 'error';
  testId: string;
}) {
  const { t } = useTranslation();
  const me = useSession();
  const { pickable, loading } = useMentionCandidates();
  const options = useMemo(
    () =>
      // Colleagues only: one does not notify oneself.
      pickable
        .filter((c) => c.id !== me.user.id)
        .map((c) => ({
          value: c.label,
          key: c.id,
          label: (
            <Flex align="center" gap={8}>
              <Avatar size={20} style={{ background: '#2f54eb', fontSize: 12, flex: 'none' }}>
                {c.label.slice(0, 1).toUpperCase()}
              </Avatar>
              <span>{c.label}</span>
            </Flex>
          ),
        })),
    [pickable, me.user.id],
  );
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // Ctrl/⌘ + Enter sends; a plain Enter is a new line (or picks from the open @ list).
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      onSubmit();
    }
  };
  return (
    <Mentions
      value={value}
      onChange={onChange}
      options={options}
      loading={loading}
      prefix="@"
      autoSize={{ minRows: 2, maxRows: 8 }}
      maxLength={MAX_BODY}
      placeholder={placeholder}
      notFoundContent={t('comments.noMember')}
      autoFocus={autoFocus}
      disabled={disabled}
      status={status}
      onKeyDown={onKeyDown}
      aria-label={placeholder}
      data-testid={testId}
    />
  );
}

/** A 422's message about the body or the mentions, if it is one (else null). */
function fieldProblem(err: unknown): string | null {
  if (!(err instanceof ApiError) || !err.problem.fields?.length) return null;
  return err.problem.fields.map((f) => f.message).join('; ');
}

/**
 * The box at the top of a record's timeline: write a comment, @ a colleague (they find it under their
 * mentions), send with the button or Ctrl/⌘+Enter.
 */
export function CommentComposer({ target }: { target: Pick<CreateComment, 'targetType' | 'targetId'> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { all } = useMentionCandidates();
  const create = useCreateComment();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  // One Idempotency-Key per submission: a retry of the same body reuses it, a changed body gets a new one.
  const idempotency = useRef<{ body: string; key: string } | null>(null);

  const submit = () => {
    if (create.isPending) return;
    setError(null);
    const parsed = CreateCommentSchema.safeParse({ ...target, body, mentions: mentionedIds(body, all) });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setError(issue ? issueMessage(issue, t) : t('validation.invalid'));
      return;
    }
    const json = JSON.stringify(parsed.data);
    if (idempotency.current?.body !== json) idempotency.current = { body: json, key: newIdempotencyKey() };
    create.mutate(
      { body: parsed.data, idempotencyKey: idempotency.current.key },
      {
        onSuccess: () => {
          setBody('');
          idempotency.current = null;
          void message.success(t('comments.posted'));
        },
        onError: (err) => setError(fieldProblem(err) ?? errorText(err)),
      },
    );
  };

  return (
    <Form component="div" className="kairos-comment-composer" data-testid="comment-composer">
      <Form.Item validateStatus={error ? 'error' : undefined} help={error ?? undefined} style={{ marginBottom: 8 }}>
        <MentionBox
          value={body}
          onChange={(text) => {
            setBody(text);
            if (error) setError(null);
          }}
          onSubmit={submit}
          placeholder={t('comments.placeholder')}
          status={error ? 'error' : undefined}
          testId="comment-input"
        />
      </Form.Item>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('comments.hint')}
        </Typography.Text>
        <Button type="primary" size="small" icon={<SendOutlined />} onClick={submit} loading={create.isPending} disabled={!body.trim()} data-testid="comment-submit">
          {t('comments.submit')}
        </Button>
      </Flex>
    </Form>
  );
}

/** Correcting one's own comment in place; the mentions follow the text (only sent when they changed). */
export function CommentEditor({ comment, onDone }: { comment: Comment; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { all } = useMentionCandidates();
  const update = useUpdateComment();
  const [editing, setEditing] = useState(comment);
  const [body, setBody] = useState(comment.body);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);

  const save = () => {
    setError(null);
    const mentions = mentionedIds(body, all);
    const parsed = UpdateCommentSchema.safeParse({
      version: editing.version,
      body,
      ...(sameMentions(mentions, editing.mentions) ? {} : { mentions }),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setError(issue ? issueMessage(issue, t) : t('validation.invalid'));
      return;
    }
    update.mutate(
      { id: comment.id, body: parsed.data },
      {
        onSuccess: () => {
          void message.success(t('comments.saved'));
          onDone();
        },
        onError: (err) => {
          if (err instanceof ApiError && err.is('version_conflict')) {
            const current = CommentSchema.safeParse((err.body as { current?: unknown } | null)?.current);
            if (current.success) {
              setEditing(current.data);
              setBody(current.data.body);
            }
            setConflict(true);
            return;
          }
          setError(fieldProblem(err) ?? errorText(err));
        },
      },
    );
  };

  return (
    <Form component="div" data-testid="comment-editor" style={{ marginTop: 4 }}>
      {conflict && <Alert type="warning" showIcon title={t('errors.versionConflict')} style={{ marginBottom: 8 }} />}
      <Form.Item validateStatus={error ? 'error' : undefined} help={error ?? undefined} style={{ marginBottom: 8 }}>
        <MentionBox value={body} onChange={setBody} onSubmit={save} placeholder={t('comments.placeholder')} autoFocus status={error ? 'error' : undefined} testId="comment-edit-input" />
      </Form.Item>
      <Flex justify="flex-end" gap={8}>
        <Button size="small" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" size="small" onClick={save} loading={update.isPending} disabled={!body.trim()} data-testid="comment-save">
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}
