import { randomUUID } from 'node:crypto';
import type {
  CannedResponse,
  CommunicationState,
  EmulatedConversation,
  EmulatedParticipant,
  ResponseLibrary,
  Seed,
  TranscriptMessage,
} from './model';

/**
 * Well-known ids and credentials of the built-in seed. Made up, but shaped like the real thing, so tests and
 * the local stack can refer to them by name.
 */
export const SEED = {
  clientId: '68a80810-11d1-44bb-bb8c-953169cc4111',
  clientSecret: '4AkPQSmRw0WHN9rHkWvWr-I9ToXb2lTWpd5AqhDt_b4',
  /** Secrets Manager id of `{"clientId", "clientSecret"}` (no `environment`: local override URLs apply). */
  secretId: 'genesys/canned-response/local',
  agentUserId: 'cff7c74d-2856-4f82-b544-5aa33880a9b9',
  secondAgentUserId: 'd53bef09-d422-4622-bfaf-3ecaca0f76d0',
  queueId: '53fc594f-7daf-4a8d-9fb7-5f723d5e16e4',
  /** The web messaging deployment the seeded conversations came in through. */
  deploymentId: '9ad378db-858e-447d-aab8-8f2acedc4ad9',
  libraries: {
    customerCare: '706036f1-29ec-43c3-a1a2-739090aa39f5',
    billing: 'afc66806-9c69-4700-afe4-6854e524a941',
    notifications: 'f37e7b05-02ca-4a34-9f2d-8c54ca7c69ce',
  },
  responses: {
    /** Plain text; `{{CUSTOMER_NAME}}` has no default, `{{AGENT_NAME}}` defaults to "your agent". */
    welcome: 'f8562669-4a7e-453f-a0a0-636e772e4866',
    /** text/html with a list, a link, `<br>` and paragraphs. */
    openingHours: '4fe73e46-67be-444a-9b55-908b44fa51ee',
    /** Plain text whose only substitution has a default. */
    refundPolicy: '6a19e553-cf01-4e89-83fb-1e0923662740',
    /** interactionType "email": a subject text plus an HTML body written for email. */
    emailOnly: 'ee051f34-295a-4a08-9992-94de07a9a994',
    /**
     * responseType "MessagingTemplate" (WhatsApp `order_shipped`): `{{1}}` (order number, no default) in the header,
     * the body and the tracking button's URL; `{{2}}` (delivery estimate, with a default) in the body.
     */
    template: '73ceede5-50be-4f26-a195-9613b6034a8a',
    /**
     * responseType "MessagingTemplate" (WhatsApp `appointment_reminder`), each variable in one part only: `{{1}}`
     * (the date, no default) in the header, `{{2}}` (the customer's name, with a default) in the body, `{{3}}` (the
     * booking reference, no default) in the link of a button whose type is written "URL".
     */
    appointmentReminder: 'e4063160-8acc-45d9-9e98-aa5c236cec8d',
    /** Plain text of about 1,000 characters: fits a web messaging or WhatsApp message, not an SMS (765). */
    returnsPolicy: 'c0d8a3a2-3f4e-4c8e-9a47-2b8f1e6d5c90',
    /** Plain text longer than the 2,000-character messaging limit. */
    tooLong: '2fb0e72c-c243-4bfd-a376-09b6a78d3d7b',
  },
  conversations: {
    /** Customer and agent connected; an acd participant already disconnected. */
    active: 'd20f5248-fb8c-4b7f-8104-72729d2bcacf',
    /** Transferred: the first agent (agentUserId) disconnected, the second (secondAgentUserId) connected. */
    activeTwoAgents: '6153ead6-af9c-451a-8f6d-eeacad93358c',
    /** Ended: endTime set, every communication disconnected. */
    ended: '69200e74-1bb5-4db1-b791-cc8dc7497526',
    /** Still in queue: customer and acd only. */
    noAgent: '01ade9ea-d722-4998-af51-b53db677d6d1',
    /** WhatsApp, agent connected, the customer last wrote 26 hours ago: only templates go out. */
    whatsappWindowClosed: '2c7d6e1f-9a8b-4c3d-8e5f-1a2b3c4d5e6f',
    /** WhatsApp, agent connected, the customer wrote 20 minutes ago: free text and templates go out. */
    whatsappWindowOpen: '8b1e4f0a-6c2d-4e9f-a3b5-7d8c9e0f1a2b',
    /** SMS, agent connected: text up to 765 characters. */
    sms: 'f3a9c1d2-7b4e-4f6a-8c0d-5e1f2a3b4c5d',
  },
  communications: {
    activeAgent: 'd5f06829-5c73-4ec0-b5fd-9df959b16ae6',
    activeCustomer: '87a260c3-ef63-4bd7-b6df-544024cb7669',
    activeTwoAgentsFirstAgent: '9765aed5-4204-4877-9183-395145cec144',
    activeTwoAgentsSecondAgent: 'c6986708-1bd7-4720-a84a-696149df0372',
    endedAgent: '058ffef6-532c-4a4d-bbb4-b462d0bcf398',
    noAgentCustomer: 'a0130585-86a2-457b-bae7-0967c315a624',
    whatsappWindowClosedAgent: '4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b',
    whatsappWindowOpenAgent: '9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f',
    smsAgent: '6d7e8f9a-0b1c-4d2e-9f3a-4b5c6d7e8f9a',
  },
  /** The WhatsApp Business number and the SMS number the seeded WhatsApp and SMS conversations came in on. */
  whatsappNumber: '+353 1 555 0100',
  smsNumber: '+353 1 555 0199',
} as const;

const AGENT_NAME = 'Maya Chen';
const SECOND_AGENT_NAME = 'Jonas Weber';
const QUEUE_NAME = 'Customer Care';

/** The built-in seed; times are relative to `now` so the transcript page shows recent conversations. */
export function builtInSeed(now: Date = new Date()): Seed {
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  const conversationDay = at(3 * 24 * 60);
  return {
    oauthClients: [{ clientId: SEED.clientId, clientSecret: SEED.clientSecret }],
    libraries: seededLibraries(conversationDay),
    responses: seededResponses(conversationDay),
    conversations: seededConversations(at),
    secrets: {
      [SEED.secretId]: JSON.stringify({ clientId: SEED.clientId, clientSecret: SEED.clientSecret }),
    },
  };
}

function libraryRef(id: string, name: string) {
  return { id, name, selfUri: `/api/v2/responsemanagement/libraries/${id}` };
}

const LIBRARY_NAMES: Record<keyof typeof SEED.libraries, string> = {
  customerCare: 'Customer Care',
  billing: 'Billing',
  notifications: 'Notifications & Templates',
};

function seededLibraries(dateCreated: string): ResponseLibrary[] {
  return Object.entries(LIBRARY_NAMES).map(([key, name]) => ({
    ...libraryRef(SEED.libraries[key as keyof typeof SEED.libraries], name),
    version: 1,
    dateCreated,
  }));
}

function response(
  id: string,
  library: keyof typeof SEED.libraries,
  fields: Omit<CannedResponse, 'id' | 'libraries' | 'version' | 'dateCreated' | 'selfUri'>,
  dateCreated: string,
): CannedResponse {
  return {
    id,
    ...fields,
    version: 1,
    libraries: [libraryRef(SEED.libraries[library], LIBRARY_NAMES[library])],
    dateCreated,
    selfUri: `/api/v2/responsemanagement/responses/${id}`,
  };
}

/** Numbered when built; together well over the 2,000-character messaging limit. */
const TERMS_SUMMARY_CLAUSES = [
  'Orders. An order is accepted once we send the confirmation email. Prices include VAT at the rate applicable on the day of purchase; delivery charges are shown separately at checkout before you pay.',
  'Delivery. We deliver to the address given at checkout. Delivery estimates are not guaranteed; if your parcel is more than ten business days late you may cancel the order and receive a full refund.',
  'Returns. You may return most items within 30 days of delivery, unused and in their original packaging. Personalised items, opened software and perishable goods cannot be returned unless faulty.',
  'Refunds. Refunds are issued to the original payment method within 5 business days of the returned item reaching our warehouse. Original delivery charges are refunded only for faulty items.',
  'Cancellations. You may cancel an order free of charge until it has been dispatched. After dispatch, return the item under the returns terms above and we refund the price once it reaches us.',
  'Warranty. Electronics carry a two-year manufacturer warranty. Keep your receipt: we may ask for it before arranging a repair or replacement, and we may inspect the item before confirming a fault.',
  'Accounts. You are responsible for keeping your password confidential. Tell us at once if you suspect unauthorised use of your account; we may suspend an account to protect you while we investigate.',
  'Promotions. Discount codes cannot be combined unless stated, have no cash value and expire on the date shown. We may withdraw a promotion at any time without affecting orders already confirmed.',
  'Liability. Nothing in these terms limits your statutory rights. Our liability for any order is limited to the price you paid for it, except where the law does not allow such a limit.',
  'Privacy. We process your personal data as described in our privacy notice, which explains what we collect, why, how long we keep it and how to exercise your rights of access and erasure.',
  'Contact. Our customer care team answers chat and email every day from 8:00 to 20:00. Please have your order number ready so we can help you quickly without asking you to repeat yourself.',
  'Changes. We may update these terms; the version in force when you place an order applies to that order. Questions about these terms can be sent to our customer care team at any time.',
];

function termsSummary(): string {
  return TERMS_SUMMARY_CLAUSES.map((clause, index) => `${index + 1}. ${clause}`).join('\n\n');
}

function seededResponses(dateCreated: string): CannedResponse[] {
  const ids = SEED.responses;
  return [
    response(
      ids.welcome,
      'customerCare',
      {
        name: 'Welcome',
        interactionType: 'chat',
        texts: [
          {
            content: 'Hello {{CUSTOMER_NAME}}, this is {{AGENT_NAME}}. How can I help you today?',
            contentType: 'text/plain',
            type: 'body',
          },
        ],
        substitutions: [
          { id: 'CUSTOMER_NAME', description: "The customer's first name" },
          { id: 'AGENT_NAME', description: "The agent's display name", defaultValue: 'your agent' },
        ],
        substitutionsSchema: {
          id: '26295195-e121-4de2-92f6-58bb1d0fb59a',
          $schema: 'http://json-schema.org/draft-04/schema#',
          type: 'object',
          required: ['CUSTOMER_NAME'],
          properties: {
            CUSTOMER_NAME: { type: 'string', description: "The customer's first name" },
            AGENT_NAME: { type: 'string', description: "The agent's display name", default: 'your agent' },
          },
        },
      },
      dateCreated,
    ),
    response(
      ids.openingHours,
      'customerCare',
      {
        name: 'Opening hours',
        interactionType: 'chat',
        texts: [
          {
            content:
              '<p>Our customer care team is available:</p>' +
              '<ul><li>Monday to Friday: 8:00 – 20:00</li><li>Saturday: 9:00 – 17:00</li><li>Sunday: closed</li></ul>' +
              '<p>Hours may differ on public holidays.<br>' +
              'See <a href="https://example.com/hours">our opening hours page</a> for details.</p>',
            contentType: 'text/html',
            type: 'body',
          },
        ],
        substitutions: [],
      },
      dateCreated,
    ),
    response(
      ids.refundPolicy,
      'billing',
      {
        name: 'Refund policy',
        interactionType: 'chat',
        texts: [
          {
            content:
              'Refunds are issued to your original payment method within {{REFUND_DAYS}} business days ' +
              'of the returned item reaching our warehouse.',
            contentType: 'text/plain',
            type: 'body',
          },
        ],
        substitutions: [
          { id: 'REFUND_DAYS', description: 'Refund processing time in business days', defaultValue: '5' },
        ],
      },
      dateCreated,
    ),
    // An email response as Genesys stores it: a subject text plus an HTML body written for email, not chat.
    response(
      ids.emailOnly,
      'notifications',
      {
        name: 'Case update (email)',
        interactionType: 'email',
        texts: [
          { content: 'Update on your case {{CASE_NUMBER}}', contentType: 'text/plain', type: 'subject' },
          {
            content:
              '<html><body><p>Dear {{CUSTOMER_NAME}},</p>' +
              '<p>There is an update on your case <strong>{{CASE_NUMBER}}</strong>. ' +
              'Please reply to this email if you have any questions.</p>' +
              '<p>Kind regards,<br>Customer Care</p></body></html>',
            contentType: 'text/html',
            type: 'body',
          },
        ],
        substitutions: [
          { id: 'CASE_NUMBER', description: 'Case reference' },
          { id: 'CUSTOMER_NAME', description: "The customer's name", defaultValue: 'customer' },
        ],
      },
      dateCreated,
    ),
    // A WhatsApp template as Response Management keeps it: the approved body text in `texts`, its variables in
    // `substitutions`, header, footer and buttons in `messagingTemplate.whatsApp`. WhatsApp numbers each part's
    // variables on its own: here `{{1}}` is the order number wherever it stands. The header `type` value is not
    // documented by the SDK; "Text" is assumed.
    response(
      ids.template,
      'notifications',
      {
        name: 'Order shipped (WhatsApp template)',
        interactionType: 'chat',
        responseType: 'MessagingTemplate',
        texts: [
          {
            content: 'Good news: your order {{1}} has shipped and should arrive {{2}}. Reply here if you have any questions.',
            contentType: 'text/plain',
            type: 'body',
          },
        ],
        substitutions: [
          { id: '1', description: 'Order number' },
          { id: '2', description: 'Delivery estimate', defaultValue: 'within 3 business days' },
        ],
        messagingTemplate: {
          whatsApp: {
            name: 'order_shipped',
            namespace: 'c2a5f8f3_7f0b_4a52_9f31_2d3f6b0b1c77',
            language: 'en_US',
            category: 'UTILITY',
            integrationId: 'f48193ba-0614-4b4f-9f80-15fa17fb6e10',
            header: { type: 'Text', content: 'Order {{1}} is on its way' },
            messageFooter: { type: 'Text', content: 'Example Store customer care' },
            buttons: [{ type: 'Url', content: 'https://example.com/orders/{{1}}/tracking', contentText: 'Track parcel' }],
          },
        },
      },
      dateCreated,
    ),
    // A template whose variables each stand in one part, so no part's list may borrow another's. Its button type
    // is spelled "URL": the SDK does not document the values, and a URL button is read in any case.
    response(
      ids.appointmentReminder,
      'notifications',
      {
        name: 'Appointment reminder (WhatsApp template)',
        interactionType: 'chat',
        responseType: 'MessagingTemplate',
        texts: [
          {
            content: 'Hi {{2}}, this is a reminder of your appointment. Reply YES to confirm, or use the button to reschedule.',
            contentType: 'text/plain',
            type: 'body',
          },
        ],
        substitutions: [
          { id: '1', description: 'Appointment date and time' },
          { id: '2', description: "The customer's first name", defaultValue: 'there' },
          { id: '3', description: 'Booking reference' },
        ],
        messagingTemplate: {
          whatsApp: {
            name: 'appointment_reminder',
            namespace: 'c2a5f8f3_7f0b_4a52_9f31_2d3f6b0b1c77',
            language: 'en_GB',
            category: 'UTILITY',
            integrationId: 'f48193ba-0614-4b4f-9f80-15fa17fb6e10',
            header: { type: 'Text', content: 'Your appointment on {{1}}' },
            buttons: [{ type: 'URL', content: 'https://example.com/appointments/{{3}}', contentText: 'Reschedule' }],
          },
        },
      },
      dateCreated,
    ),
    response(
      ids.returnsPolicy,
      'customerCare',
      {
        name: 'Returns and refunds (detailed)',
        interactionType: 'chat',
        texts: [{ content: TERMS_SUMMARY_CLAUSES.slice(2, 7).join('\n\n'), contentType: 'text/plain', type: 'body' }],
        substitutions: [],
      },
      dateCreated,
    ),
    response(
      ids.tooLong,
      'customerCare',
      {
        name: 'Terms of sale (full summary)',
        interactionType: 'chat',
        texts: [{ content: termsSummary(), contentType: 'text/plain', type: 'body' }],
        substitutions: [],
      },
      dateCreated,
    ),
  ];
}

type AtTime = (minutesAgo: number) => string;

/** Who a participant is, and when (in minutes before now) they joined and, if they did, left. */
interface ParticipantSpec {
  id: string;
  communicationId: string;
  name: string;
  since: number;
  until?: number;
}

function participant(
  at: AtTime,
  spec: ParticipantSpec,
  identity: Pick<EmulatedParticipant, 'purpose' | 'address' | 'userId' | 'queueId'>,
  stateWhilePresent: CommunicationState,
): EmulatedParticipant {
  const { until } = spec;
  const left = until !== undefined;
  return {
    id: spec.id,
    name: spec.name,
    ...identity,
    startTime: at(spec.since),
    ...(left ? { endTime: at(until) } : {}),
    communication: {
      id: spec.communicationId,
      type: 'webmessaging',
      state: left ? 'disconnected' : stateWhilePresent,
      ...(stateWhilePresent === 'connected' ? { connectedTime: at(spec.since) } : {}),
      ...(left ? { disconnectedTime: at(until) } : {}),
    },
  };
}

function customer(at: AtTime, spec: ParticipantSpec & { address: string }) {
  return participant(at, spec, { purpose: 'customer', address: spec.address }, 'connected');
}

/** The queue's communication alerts until an agent answers; it is disconnected once the agent joined. */
function queue(at: AtTime, spec: Omit<ParticipantSpec, 'name'>) {
  const identity = { purpose: 'acd', address: SEED.deploymentId, queueId: SEED.queueId } as const;
  return participant(at, { ...spec, name: QUEUE_NAME }, identity, 'alerting');
}

function agent(at: AtTime, spec: ParticipantSpec & { userId: string }) {
  const identity = { purpose: 'agent', address: SEED.deploymentId, userId: spec.userId } as const;
  return participant(at, spec, identity, 'connected');
}

function message(at: AtTime, from: EmulatedParticipant, minutesAgo: number, text: string): TranscriptMessage {
  const inbound = from.purpose === 'customer';
  return {
    id: randomUUID(),
    participantId: from.id,
    direction: inbound ? 'inbound' : 'outbound',
    text,
    timestamp: at(minutesAgo),
    status: inbound ? 'received' : 'delivery-success',
  };
}

function seededConversations(at: AtTime): EmulatedConversation[] {
  return [
    activeConversation(at),
    transferredConversation(at),
    endedConversation(at),
    queuedConversation(at),
    whatsappWindowClosedConversation(at),
    whatsappWindowOpenConversation(at),
    smsConversation(at),
  ];
}

/**
 * Moves a conversation built by the helpers above onto another messaging channel: every communication gets the
 * channel's type, the customer their phone number and the others the business number it came in on.
 */
function onChannel(conversation: EmulatedConversation, channel: 'whatsapp' | 'sms', customerPhone: string): EmulatedConversation {
  const businessNumber = channel === 'whatsapp' ? SEED.whatsappNumber : SEED.smsNumber;
  for (const participant of conversation.participants) {
    participant.communication.type = channel;
    participant.address = participant.purpose === 'customer' ? customerPhone : businessNumber;
  }
  return conversation;
}

const HOUR = 60;

function whatsappWindowClosedConversation(at: AtTime): EmulatedConversation {
  const ines = customer(at, {
    id: '0f1e2d3c-4b5a-4697-8877-665544332211',
    communicationId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
    name: 'Inês Carvalho',
    address: '',
    since: 27 * HOUR,
  });
  const acd = queue(at, {
    id: '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d',
    communicationId: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
    since: 27 * HOUR,
    until: 10,
  });
  const maya = agent(at, {
    id: '2b3c4d5e-6f7a-4b9c-8d1e-2f3a4b5c6d7e',
    communicationId: SEED.communications.whatsappWindowClosedAgent,
    userId: SEED.agentUserId,
    name: AGENT_NAME,
    since: 10,
  });
  return onChannel(
    {
      id: SEED.conversations.whatsappWindowClosed,
      startTime: at(27 * HOUR),
      participants: [ines, acd, maya],
      transcript: [
        message(at, ines, 27 * HOUR, 'Hi! Has my order 51877 shipped yet?'),
        message(at, ines, 26 * HOUR, 'It was supposed to go out yesterday.'),
      ],
    },
    'whatsapp',
    '+351 912 345 678',
  );
}

function whatsappWindowOpenConversation(at: AtTime): EmulatedConversation {
  const omar = customer(at, {
    id: '3c4d5e6f-7a8b-4c0d-9e2f-3a4b5c6d7e8f',
    communicationId: 'c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e7f',
    name: 'Omar Haddad',
    address: '',
    since: 25,
  });
  const acd = queue(at, {
    id: '4d5e6f7a-8b9c-4d1e-8f3a-4b5c6d7e8f9a',
    communicationId: 'd4e5f6a7-b8c9-4d0e-9f1a-3b4c5d6e7f8a',
    since: 25,
    until: 22,
  });
  const jonas = agent(at, {
    id: '5e6f7a8b-9c0d-4e2f-9a4b-5c6d7e8f9a0b',
    communicationId: SEED.communications.whatsappWindowOpenAgent,
    userId: SEED.secondAgentUserId,
    name: SECOND_AGENT_NAME,
    since: 22,
  });
  return onChannel(
    {
      id: SEED.conversations.whatsappWindowOpen,
      startTime: at(25),
      participants: [omar, acd, jonas],
      transcript: [
        message(at, omar, 25, 'Hello, I would like to return a jacket I bought online.'),
        message(at, jonas, 21, 'Hi Omar, happy to help. Do you have the order number?'),
        message(at, omar, 20, 'Yes, it is 50934.'),
      ],
    },
    'whatsapp',
    '+44 7700 900123',
  );
}

function smsConversation(at: AtTime): EmulatedConversation {
  const grace = customer(at, {
    id: '6f7a8b9c-0d1e-4f3a-8b5c-6d7e8f9a0b1c',
    communicationId: 'e5f6a7b8-c9d0-4e1f-8a2b-4c5d6e7f8a9b',
    name: 'Grace Murphy',
    address: '',
    since: 6,
  });
  const acd = queue(at, {
    id: '7a8b9c0d-1e2f-4a4b-9c6d-7e8f9a0b1c2d',
    communicationId: 'f6a7b8c9-d0e1-4f2a-9b3c-5d6e7f8a9b0c',
    since: 6,
    until: 5,
  });
  const maya = agent(at, {
    id: '8b9c0d1e-2f3a-4b5c-8d7e-8f9a0b1c2d3e',
    communicationId: SEED.communications.smsAgent,
    userId: SEED.agentUserId,
    name: AGENT_NAME,
    since: 5,
  });
  return onChannel(
    {
      id: SEED.conversations.sms,
      startTime: at(6),
      participants: [grace, acd, maya],
      transcript: [message(at, grace, 6, 'Hi, what is your returns policy? I got a pair of boots that do not fit.')],
    },
    'sms',
    '+353 87 123 4567',
  );
}

function activeConversation(at: AtTime): EmulatedConversation {
  const ana = customer(at, {
    id: 'e2d3dbd5-2d7f-46f4-897a-36a486ff61c9',
    communicationId: SEED.communications.activeCustomer,
    name: 'Ana Souza',
    address: 'b01bfe8f-8753-40f7-9a55-78af0ebd7585',
    since: 7,
  });
  const acd = queue(at, {
    id: '9d178865-bb62-4366-be56-b7890e41f239',
    communicationId: 'eee720e9-0812-4725-b604-a7e412cfc6ae',
    since: 7,
    until: 5,
  });
  const maya = agent(at, {
    id: '84a40e57-523f-4012-86b3-d9bd64a1f543',
    communicationId: SEED.communications.activeAgent,
    userId: SEED.agentUserId,
    name: AGENT_NAME,
    since: 5,
  });
  return {
    id: SEED.conversations.active,
    startTime: at(7),
    participants: [ana, acd, maya],
    transcript: [
      message(at, ana, 7, "Hi, I ordered a pair of headphones last week and they still haven't arrived."),
      message(at, maya, 4.5, 'Hi Ana, thanks for reaching out. Let me look into that order for you.'),
      message(at, ana, 4, 'Thanks! The order number is 48213.'),
      message(at, maya, 3, 'It left our warehouse yesterday, so it should be with you within two business days.'),
      message(at, ana, 2, "Great. And if they don't fit, can I return them?"),
    ],
  };
}

function transferredConversation(at: AtTime): EmulatedConversation {
  const liam = customer(at, {
    id: 'e9f4c2e6-5559-4b0b-af0c-bd14ba2b918a',
    communicationId: '7cf64d57-1882-491d-b6d1-a27d1c3e4e60',
    name: "Liam O'Brien",
    address: '5e58d212-6e82-4713-8dab-5f92eea96465',
    since: 15,
  });
  const acd = queue(at, {
    id: '72b4e04a-8f0c-4981-a918-540080c11111',
    communicationId: '6055de66-9f52-47dc-b92d-a9bd1275a6e0',
    since: 15,
    until: 13,
  });
  const maya = agent(at, {
    id: '9886eeab-0190-4729-a19c-a7c2f658d3ae',
    communicationId: SEED.communications.activeTwoAgentsFirstAgent,
    userId: SEED.agentUserId,
    name: AGENT_NAME,
    since: 13,
    until: 9,
  });
  const jonas = agent(at, {
    id: '63709946-b7cb-480e-8cbd-d068b697f250',
    communicationId: SEED.communications.activeTwoAgentsSecondAgent,
    userId: SEED.secondAgentUserId,
    name: SECOND_AGENT_NAME,
    since: 9,
  });
  return {
    id: SEED.conversations.activeTwoAgents,
    startTime: at(15),
    participants: [liam, acd, maya, jonas],
    transcript: [
      message(at, liam, 15, 'I was charged twice for my March invoice.'),
      message(at, maya, 12, "I'm sorry about that, Liam. I'll transfer you to our billing team, who can issue the refund."),
      message(at, jonas, 8, 'Hi Liam, Jonas from Billing here. I can see the duplicate charge of €49.00.'),
      message(at, liam, 7, 'Can you refund it to my card?'),
    ],
  };
}

function endedConversation(at: AtTime): EmulatedConversation {
  const sofia = customer(at, {
    id: '4929b555-0ad0-4dfe-b873-fd8f0e41d681',
    communicationId: '41847147-597a-47c8-aa15-1b9739c79fc6',
    name: 'Sofia Rossi',
    address: 'df7455e4-162d-42af-add5-8232d6bcd79a',
    since: 95,
    until: 80,
  });
  const acd = queue(at, {
    id: '54566286-43e0-47e8-a237-1472d3cb21ea',
    communicationId: '5aef5c18-aa8f-41f3-ae06-ec1073243dc3',
    since: 95,
    until: 94,
  });
  const maya = agent(at, {
    id: 'ef255c44-fa61-42b3-9adc-56b0a236a151',
    communicationId: SEED.communications.endedAgent,
    userId: SEED.agentUserId,
    name: AGENT_NAME,
    since: 94,
    until: 80,
  });
  return {
    id: SEED.conversations.ended,
    startTime: at(95),
    endTime: at(80),
    participants: [sofia, acd, maya],
    transcript: [
      message(at, sofia, 95, 'Can I change the delivery address for order 47790?'),
      message(at, maya, 92, 'Of course. What is the new address?'),
      message(at, sofia, 90, '12 Harbour Street, Cork.'),
      message(at, maya, 86, 'Done! The new address is saved for your order.'),
      message(at, sofia, 84, 'Perfect, thank you!'),
    ],
  };
}

function queuedConversation(at: AtTime): EmulatedConversation {
  const noah = customer(at, {
    id: '6bcee8e8-448d-4f64-bfa4-2665095f39e4',
    communicationId: SEED.communications.noAgentCustomer,
    name: 'Noah Kim',
    address: 'd1277fe2-8e89-478c-a443-3b35d6578714',
    since: 1,
  });
  const acd = queue(at, {
    id: '6a89a8d4-550e-40c1-b2b1-b00e8f541cac',
    communicationId: '1051fa17-b4a1-4d34-a75f-6ac7304d96bd',
    since: 1,
  });
  return {
    id: SEED.conversations.noAgent,
    startTime: at(1),
    participants: [noah, acd],
    transcript: [message(at, noah, 1, 'Hello, is anyone there? I need help resetting my password.')],
  };
}
