import { createRoot } from 'react-dom/client';
import '@patternfly/react-core/dist/styles/base.css';
import './console.css';
import { App } from './App';

createRoot(document.getElementById('root')!).render(<App />);
