/** Short, believable lines for simulated chats, in French and English. */
export const CUSTOMER_LINES = [
  "Bonjour, ma commande n'est toujours pas arrivée.",
  'Hello, I was charged twice for my last order.',
  'Je voudrais modifier mon adresse de livraison.',
  'Can I return an item I bought three weeks ago?',
  'Le colis indique livré mais je n’ai rien reçu.',
  'My promo code does not work at checkout.',
  'Quel est le délai pour un remboursement ?',
  'I need to change the email on my account.',
  "D'accord, merci pour votre aide.",
  'Thanks, that helps a lot.',
  'Vous pouvez vérifier le numéro de suivi ?',
  'Is there a way to speed up the delivery?',
] as const;

export const AGENT_LINES = [
  'Bonjour, je regarde votre dossier tout de suite.',
  'Hi! Let me look into that for you.',
  'Pouvez-vous me donner votre numéro de commande ?',
  'Could you confirm your order number, please?',
  "Je vois le problème, je m'en occupe.",
  "I've refunded the duplicate payment: you'll see it in 3–5 days.",
  "C'est fait, vous recevrez un e-mail de confirmation.",
  'Your return label is on its way by email.',
  'Merci de votre patience.',
  'Is there anything else I can help with?',
  'Je transmets à notre service logistique.',
  'Done! Anything else today?',
] as const;
